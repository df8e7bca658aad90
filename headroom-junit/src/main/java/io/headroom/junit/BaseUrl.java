package io.headroom.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the member of a test class that gives the target's base URL to every {@link LoadTest} in it: a field
 * or a no-argument method whose value is a {@code String}, {@link java.net.URI} or {@link java.net.URL}, static
 * or on the test instance. Read just before each load test runs, so a random port set in {@code @BeforeAll}
 * or {@code @BeforeEach} (Testcontainers, {@code @LocalServerPort}) is seen. A {@link LoadTest#baseUrl()}
 * written on the test itself wins.
 */
@Documented
@Target({ElementType.FIELD, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface BaseUrl {}
