package io.heraldo.channel.bluesky;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a {@link LocalBluesky} field of a {@code @QuarkusTest}: the suite's Bluesky stand-in is injected there. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectLocalBluesky {
}
