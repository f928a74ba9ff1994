package dev.resilience.benchmarks;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.resilience.alarm.Alarm;
import dev.resilience.alarm.AlarmHandler;
import dev.resilience.alarm.AlarmObserver;
import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.runtime.Timer;

/**
 * In-order, lossless delivery to one handler at a paced rate (default 100,000 transitions/s for
 * 5 s): one producer thread sets and clears 100 alarm ids in turn, in batches every millisecond
 * (100 transitions per batch at 100,000/s), each set carrying a sequence number in its
 * description. The handler checks, per alarm id, that set and clear alternate and that sequence
 * numbers only grow, and measures each transition's lag from the {@code set}/{@code clear} call
 * to the handler call.
 * <ul>
 * <li>{@code baseline}: the same producer handing transitions to one consumer thread through an
 * {@code ArrayBlockingQueue} of the same capacity (10,000): the floor of any hand-off;</li>
 * <li>{@code alarms}: {@link Alarms} with its default handler queue (10,000) and timeout
 * (30 s).</li>
 * </ul>
 */
final class AlarmDelivery {

	static final int IDS = 100;

	static final int CAPACITY = 10_000;

	private final int total;

	private final long[] sentAt;

	private final long[] lag;

	private final long[] lastSetSeq = new long[IDS];

	private final boolean[] lastWasSet = new boolean[IDS];

	private final String[] ids = new String[IDS];

	private final AtomicLong dropped = new AtomicLong();

	private volatile int delivered;

	private int outOfOrder;

	private AlarmDelivery(int total) {
		this.total = total;
		this.sentAt = new long[total];
		this.lag = new long[total];
		for (int i = 0; i < IDS; i++) {
			this.ids[i] = String.format("alarm_%03d", i);
			this.lastSetSeq[i] = -1;
		}
	}

	static void main(String[] args) throws Exception {
		Logs.quiet();
		int rate = Integer.parseInt(args[0]);
		int seconds = Integer.parseInt(args[1]);
		// a short warm-up of both paths, then the measured runs
		new AlarmDelivery(rate / 2).run("baseline", rate, false);
		new AlarmDelivery(rate / 2).run("alarms", rate, false);
		new AlarmDelivery(rate * seconds).run("baseline", rate, true);
		new AlarmDelivery(rate * seconds).run("alarms", rate, true);
	}

	/**
	 * Transition {@code n}: alarm id {@code (n / 2) % IDS} is set when {@code n} is even and
	 * cleared when odd, so each id alternates and transitions of different ids interleave.
	 */
	private void run(String variant, int rate, boolean report) throws Exception {
		Sink sink;
		AutoCloseable closer;
		if (variant.equals("alarms")) {
			Alarms alarms = Alarms.builder()
				.handlerQueueCapacity(CAPACITY)
				.historySize(100)
				.observer(new AlarmObserver() {
					@Override
					public void handlerFailed(String handler, Throwable failure) {
						AlarmDelivery.this.dropped.incrementAndGet();
					}
				})
				.handler(new AlarmHandler() {
					@Override
					public void onSet(Alarm alarm) {
						received(alarm, true);
					}

					@Override
					public void onClear(Alarm alarm) {
						received(alarm, false);
					}
				})
				.build();
			sink = (n, id, set) -> {
				if (set) {
					alarms.set(id, Severity.MINOR, Long.toString(n));
				}
				else {
					alarms.clear(id);
				}
			};
			closer = alarms;
		}
		else {
			BlockingQueue<Item> queue = new ArrayBlockingQueue<>(CAPACITY);
			Thread consumer = new Thread(() -> {
				try {
					while (true) {
						Item item = queue.take();
						received(item.alarm(), item.set());
					}
				}
				catch (InterruptedException ex) {
					// done
				}
			}, "baseline-consumer");
			consumer.setDaemon(true);
			consumer.start();
			java.util.Map<String, Alarm> active = new java.util.HashMap<>();
			Object lock = new Object();
			sink = (n, id, set) -> {
				synchronized (lock) {
					Alarm alarm = set ? new Alarm(id, Severity.MINOR, Long.toString(n), java.time.Instant.now())
							: active.remove(id);
					if (set) {
						active.put(id, alarm);
					}
					if (!queue.offer(new Item(alarm, set))) {
						this.dropped.incrementAndGet();
					}
				}
			};
			closer = consumer::interrupt;
		}
		long batchNanos = 1_000_000L;
		int perBatch = Math.max(1, rate / 1000);
		long start = System.nanoTime();
		long next = start;
		int n = 0;
		while (n < this.total) {
			for (int i = 0; i < perBatch && n < this.total; i++, n++) {
				long setSeq = n & ~1L; // a clear carries the sequence number of its set
				String id = this.ids[(int) ((n / 2) % IDS)];
				this.sentAt[n] = System.nanoTime();
				sink.send(setSeq, id, (n & 1) == 0);
			}
			next += batchNanos;
			long wait = next - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
		}
		long sendNanos = System.nanoTime() - start;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.delivered + this.dropped.get() < this.total && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		long deliverNanos = System.nanoTime() - start;
		long handlerCpu = threadCpu(variant.equals("alarms") ? "resilience-alarm-handler-" : "baseline-consumer");
		long timerCpu = threadCpu(Timer.THREAD_NAME); // the one timer: debounce, and the watchdog that times handler calls
		closer.close();
		if (!report) {
			return;
		}
		int got = this.delivered;
		Percentiles p = new Percentiles(this.lag, got);
		String key = "delivery." + variant;
		Raw.put(key + ".sent", this.total);
		Raw.put(key + ".sent_per_s", this.total / (sendNanos / 1e9));
		Raw.put(key + ".delivered", got);
		Raw.put(key + ".delivered_per_s", got / (deliverNanos / 1e9));
		Raw.put(key + ".lost", this.total - got);
		Raw.put(key + ".dropped", this.dropped.get());
		Raw.put(key + ".out_of_order", this.outOfOrder);
		Raw.put(key + ".handler_thread_cpu_ns_per_transition", (double) handlerCpu / this.total);
		Raw.put(key + ".timer_thread_cpu_ns_per_transition", (double) timerCpu / this.total);
		Raw.put(key + ".lag_p50_us", p.at(50) / 1000.0);
		Raw.put(key + ".lag_p99_us", p.at(99) / 1000.0);
		Raw.put(key + ".lag_max_us", p.max() / 1000.0);
	}

	/** CPU time of the live threads whose name starts with {@code prefix}. */
	private static long threadCpu(String prefix) {
		java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
		long total = 0;
		for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null && info.getThreadName().startsWith(prefix)) {
				total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
			}
		}
		return total;
	}

	/** Called on the one delivering thread, in delivery order. */
	private void received(Alarm alarm, boolean set) {
		long now = System.nanoTime();
		long setSeq = Long.parseLong(alarm.description());
		int id = Integer.parseInt(alarm.id().substring(6));
		long n = set ? setSeq : setSeq + 1;
		boolean inOrder = set ? (!this.lastWasSet[id] && setSeq > this.lastSetSeq[id])
				: (this.lastWasSet[id] && setSeq == this.lastSetSeq[id]);
		if (!inOrder) {
			this.outOfOrder++;
		}
		this.lastWasSet[id] = set;
		if (set) {
			this.lastSetSeq[id] = setSeq;
		}
		int index = this.delivered;
		if (index < this.lag.length && n < this.sentAt.length) {
			this.lag[index] = now - this.sentAt[(int) n];
		}
		this.delivered = index + 1;
	}

	private record Item(Alarm alarm, boolean set) {
	}

	@FunctionalInterface
	private interface Sink {

		void send(long setSeq, String id, boolean set);

	}

}
