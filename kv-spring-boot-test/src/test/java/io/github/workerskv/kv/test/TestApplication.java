package io.github.workerskv.kv.test;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application under test: nothing but auto-configuration. */
@SpringBootApplication
class TestApplication {

}
