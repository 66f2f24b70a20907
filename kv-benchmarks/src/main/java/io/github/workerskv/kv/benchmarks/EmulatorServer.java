package io.github.workerskv.kv.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import io.github.workerskv.kv.emulator.KVEmulator;
import io.github.workerskv.kv.emulator.KVEmulatorOptions;

/**
 * The emulator in a process of its own, so that a client's CPU time is measured apart from the server's:
 * {@code EmulatorServer [--persist FILE]}, on a free loopback port, accepting {@link #TOKEN} for
 * {@link #ACCOUNT}. Prints {@code url <base URL>}, then reads commands from stdin: {@code latency <ms>}
 * (every request answers that much later, like a WAN; 0 for none) and {@code quit}; it also stops when
 * stdin ends.
 */
public final class EmulatorServer {

	static final String TOKEN = "bench-token";

	static final String ACCOUNT = "bench";

	private EmulatorServer() {
	}

	public static void main(String[] args) throws Exception {
		KVEmulatorOptions options = KVEmulatorOptions.defaults().withPort(0).withToken(TOKEN).withAccountId(ACCOUNT);
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--persist")) {
				options = options.withPersistPath(Path.of(args[++i]));
			}
			else {
				throw new IllegalArgumentException("Unknown option " + args[i] + "; usage: EmulatorServer [--persist FILE]");
			}
		}
		try (KVEmulator emulator = KVEmulator.start(options)) {
			System.out.println("url " + emulator.baseUrl());
			System.out.flush();
			BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			for (String line = in.readLine(); line != null && !line.strip().equals("quit"); line = in.readLine()) {
				String[] words = line.strip().split("\\s+");
				if (words.length == 2 && words[0].equals("latency")) {
					emulator.faults().reset();
					long millis = Long.parseLong(words[1]);
					if (millis > 0) {
						emulator.faults().latency(Duration.ofMillis(millis));
					}
					System.out.println("ok");
				}
				else {
					System.out.println("error unknown command '" + line + "'");
				}
				System.out.flush();
			}
		}
	}

}
