package io.lagzero.control.plantedcycle.a;

import io.lagzero.control.plantedcycle.b.B;

/** Half of a package cycle planted for {@code PackageCyclesTest}. */
public final class A {
    public B partner() {
        return new B();
    }
}
