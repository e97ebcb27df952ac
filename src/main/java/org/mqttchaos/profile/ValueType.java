package org.mqttchaos.profile;

import java.util.function.Function;

/** How one key's value is read from the tree, and written back to the resolved profile. */
interface ValueType<T> {

  /** Reads a present, non-null value; throws {@link ProfileException} via {@link Field#fail}. */
  T read(Field field);

  /** A plain value for the YAML writer: String, Number, Boolean, List or Map. */
  Object write(T value);

  static <T> ValueType<T> of(Function<Field, T> reader, Function<T, Object> writer) {
    return new ValueType<>() {
      @Override
      public T read(Field field) {
        return reader.apply(field);
      }

      @Override
      public Object write(T value) {
        return writer.apply(value);
      }
    };
  }
}
