package dev.tokengate.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Warnings a test class provokes on purpose (regular expressions found in the log record), which {@link ServerLog}
 * then accepts. Each names what the test does to cause it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ExpectedWarnings {
    String[] value();
}
