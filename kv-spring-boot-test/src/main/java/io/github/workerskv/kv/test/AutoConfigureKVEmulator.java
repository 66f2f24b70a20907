package io.github.workerskv.kv.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a Spring test's application against the KV emulator instead of Cloudflare or the embedded store:
 * the Testcontainers experience for Workers KV, without Docker.
 *
 * <pre>{@code
 * @SpringBootTest(properties = "cloudflare.kv.namespaces.FLAGS.id=0f2ac74b498b48028cb68387c421e279")
 * @AutoConfigureKVEmulator
 * class FlagsTests {
 *
 *     @Autowired KVNamespace flags;
 *     @Autowired KVEmulatorNamespaces emulated;
 *
 *     @Test
 *     void writesReachTheRestApi() {
 *         flags.put("dark-mode", "on");                       // an HTTP PUT to the emulator
 *         assertThat(emulated.backing("FLAGS").get("dark-mode")).isEqualTo("on");
 *     }
 * }
 * }</pre>
 *
 * <p>For each application context, before it starts:
 * <ol>
 * <li>an emulator starts on a free port of 127.0.0.1, in memory, with a random API token and one account;</li>
 * <li>every binding the application declares (under {@code cloudflare.kv.namespaces} and in the file
 * {@code cloudflare.kv.wrangler-config}) gets a new namespace in it, titled after the binding, and the
 * binding's {@code id} and {@code preview-id} are pointed at it (the emulator chooses namespace ids, so the
 * configured ones are replaced; {@link KVEmulatorNamespaces#id(String)} tells the new ones);</li>
 * <li>{@code cloudflare.kv.mode} is set to {@code remote}, and a
 * {@link io.github.workerskv.kv.autoconfigure.KVConnectionDetails} bean gives the emulator's base URL, account
 * and token, so no credential is put in the environment;</li>
 * <li>the {@link io.github.workerskv.kv.emulator.KVEmulator} and a {@link KVEmulatorNamespaces} are registered
 * as beans, for arranging data, asserting on it and injecting faults.</li>
 * </ol>
 * The emulator stops when the context closes. Like any bean of a cached context, it and its data are shared
 * by every test class that reuses that context: use distinct keys, or clean up in the test.
 *
 * <p>Limits: the emulator is strongly consistent (Cloudflare is not) and does not enforce the API's global
 * rate limit. Namespaces of bindings that the application defines in code rather than in configuration are
 * not created.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureKVEmulator {

}
