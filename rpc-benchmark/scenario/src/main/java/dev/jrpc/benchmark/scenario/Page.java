package dev.jrpc.benchmark.scenario;

import java.io.Serializable;
import java.util.List;

/** One page of results, as rpc-benchmark's scenario returns from {@code listUser}. */
public class Page<T> implements Serializable {

	private static final long serialVersionUID = 1L;

	private int pageNo;

	private int total;

	private List<T> result;

	public int getPageNo() {
		return this.pageNo;
	}

	public void setPageNo(int pageNo) {
		this.pageNo = pageNo;
	}

	public int getTotal() {
		return this.total;
	}

	public void setTotal(int total) {
		this.total = total;
	}

	public List<T> getResult() {
		return this.result;
	}

	public void setResult(List<T> result) {
		this.result = result;
	}

}
