package io.headroom.testing.acyclicfixture.a;

import io.headroom.testing.acyclicfixture.b.B;

/** a → b only: the positive control of {@code PackageCyclesRuleTest}. */
public final class A {
    public B b;
}
