/**
 * Running from Java code: the {@link io.headroom.script.run.Headroom} facade (load a YAML plan or a Java
 * scenario file, run it on a new engine with the registered HTTP transport) and the JVM
 * {@link io.headroom.script.run.Warmup} the command line runs before a fast open-model run. It sits above
 * both the scenario API ({@code io.headroom.script}) and the plans ({@code io.headroom.script.plan}), which
 * do not depend on it.
 *
 * <p><b>Threading.</b> Every method here is thread-safe; each run gets its own engine.
 */
package io.headroom.script.run;
