package io.lagzero.control.plantedcycle.b;

import io.lagzero.control.plantedcycle.a.A;

/** The other half of the cycle planted for {@code PackageCyclesTest}. */
public final class B {
    public A partner() {
        return new A();
    }
}
