package io.heraldo.channel.mastodon;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a {@link LocalMastodon} field of a {@code @QuarkusTest}: the suite's Mastodon stand-in is injected there. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectLocalMastodon {
}
