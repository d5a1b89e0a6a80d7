package dev.jrpc.benchmark.scenario;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The server side of the scenario, with the original's data: every call builds its answer anew
 * (a user with a fresh {@code createTime}, a page of 15 users), so that no system gains from
 * caching a serialized form.
 */
public class ScenarioUserService implements UserService {

	/** Users in every page. */
	public static final int PAGE_SIZE = 15;

	/** The total every page claims. */
	public static final int TOTAL = 1000;

	@Override
	public boolean existUser(String email) {
		if (email == null || email.isEmpty()) {
			return true;
		}
		return email.charAt(email.length() - 1) >= '5';
	}

	@Override
	public boolean createUser(User user) {
		return user != null;
	}

	@Override
	public User getUser(long id) {
		return user(id, "");
	}

	@Override
	public Page<User> listUser(int pageNo) {
		List<User> users = new ArrayList<>(PAGE_SIZE);
		for (int i = 0; i < PAGE_SIZE; i++) {
			users.add(user(i, String.valueOf(i)));
		}
		Page<User> page = new Page<>();
		page.setPageNo(pageNo);
		page.setTotal(TOTAL);
		page.setResult(users);
		return page;
	}

	/** The original's user; the users of a page have their index appended to every text. */
	private static User user(long id, String suffix) {
		User user = new User();
		user.setId(id);
		user.setName("Doug Lea" + suffix);
		user.setSex(1);
		user.setBirthday(LocalDate.of(1968, 12, 8));
		user.setEmail("dong.lea@gmail.com" + suffix);
		user.setMobile("18612345678" + suffix);
		user.setAddress("北京市 中关村 中关村大街1号 鼎好大厦 1605" + suffix);
		user.setIcon("https://www.baidu.com/img/bd_logo1.png" + suffix);
		user.setStatus(1);
		user.setCreateTime(LocalDateTime.now());
		user.setUpdateTime(user.getCreateTime());
		user.setPermissions(new ArrayList<>(Arrays.asList(1, 2, 3, 4, 5, 6, 7, 8, 19, 88, 86, 89, 90, 91, 92)));
		return user;
	}

}
