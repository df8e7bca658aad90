package io.headroom.testing.cyclefixture.b;

import io.headroom.testing.cyclefixture.a.A;

/** The other half of the deliberate cycle: b points back at a. */
public final class B {
    public A a;
}
