package io.heraldo.channel.twitter;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a {@link LocalTwitter} field of a {@code @QuarkusTest}: the suite's X API stand-in is injected there. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectLocalTwitter {
}
