package dev.jrpc.benchmark.grpc;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.jrpc.benchmark.grpc.proto.PageMessage;
import dev.jrpc.benchmark.grpc.proto.UserMessage;
import dev.jrpc.benchmark.scenario.Page;
import dev.jrpc.benchmark.scenario.User;

/**
 * Converts the scenario's beans to protobuf messages and back. Both sides call it on every call, as
 * rpc-benchmark's gRPC peer does: an application that already has its own types pays this.
 */
final class UserMessages {

	private UserMessages() {
	}

	static UserMessage toMessage(User user) {
		return UserMessage.newBuilder()
			.setId(user.getId())
			.setName(user.getName())
			.setSex(user.getSex())
			.setBirthdayEpochDay(user.getBirthday().toEpochDay())
			.setEmail(user.getEmail())
			.setMobile(user.getMobile())
			.setAddress(user.getAddress())
			.setIcon(user.getIcon())
			.addAllPermissions(user.getPermissions())
			.setStatus(user.getStatus())
			.setCreateTimeSeconds(user.getCreateTime().toEpochSecond(ZoneOffset.UTC))
			.setCreateTimeNanos(user.getCreateTime().getNano())
			.setUpdateTimeSeconds(user.getUpdateTime().toEpochSecond(ZoneOffset.UTC))
			.setUpdateTimeNanos(user.getUpdateTime().getNano())
			.build();
	}

	static User toUser(UserMessage message) {
		User user = new User();
		user.setId(message.getId());
		user.setName(message.getName());
		user.setSex(message.getSex());
		user.setBirthday(LocalDate.ofEpochDay(message.getBirthdayEpochDay()));
		user.setEmail(message.getEmail());
		user.setMobile(message.getMobile());
		user.setAddress(message.getAddress());
		user.setIcon(message.getIcon());
		user.setPermissions(message.getPermissionsList());
		user.setStatus(message.getStatus());
		user.setCreateTime(LocalDateTime.ofEpochSecond(message.getCreateTimeSeconds(), message.getCreateTimeNanos(),
				ZoneOffset.UTC));
		user.setUpdateTime(LocalDateTime.ofEpochSecond(message.getUpdateTimeSeconds(), message.getUpdateTimeNanos(),
				ZoneOffset.UTC));
		return user;
	}

	static PageMessage toMessage(Page<User> page) {
		PageMessage.Builder message = PageMessage.newBuilder().setPageNo(page.getPageNo()).setTotal(page.getTotal());
		for (User user : page.getResult()) {
			message.addResult(toMessage(user));
		}
		return message.build();
	}

	static Page<User> toPage(PageMessage message) {
		List<User> users = new ArrayList<>(message.getResultCount());
		for (UserMessage user : message.getResultList()) {
			users.add(toUser(user));
		}
		Page<User> page = new Page<>();
		page.setPageNo(message.getPageNo());
		page.setTotal(message.getTotal());
		page.setResult(users);
		return page;
	}

}
