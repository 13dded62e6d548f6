package io.lagzero.demo;

import io.lagzero.control.OptionalCommand;

/** Makes {@code lagzero demo} part of the {@code lagzero} command when this module is on the classpath. */
public final class Demo implements OptionalCommand {
    @Override
    public Object command() {
        return new DemoCommand();
    }
}
