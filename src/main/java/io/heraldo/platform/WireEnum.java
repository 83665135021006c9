package io.heraldo.platform;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An enumeration with the lower-case names of the contract on the wire. */
public interface WireEnum {

    String wire();

    static <E extends Enum<E> & WireEnum> E of(Class<E> type, String wire) {
        for (E value : type.getEnumConstants()) {
            if (value.wire().equals(wire)) {
                return value;
            }
        }
        throw new IllegalArgumentException("'" + wire + "' is not one of " + names(type));
    }

    static <E extends Enum<E> & WireEnum> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireEnum::wire).collect(Collectors.joining(", "));
    }
}
