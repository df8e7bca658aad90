/**
 * Internal: the {@code headroom:run} goal ({@link io.headroom.maven.RunMojo}). Its public contract is the
 * goal's parameters, documented in {@code docs/maven-plugin.md} and by {@code mvn headroom:help -Ddetail};
 * the classes may change without notice. The goal runs inside Maven's JVM (Java 17 or newer) and forks the
 * {@code headroom} CLI on a JDK 21+ for each plan, so runs, reports and comparisons are the CLI's own.
 */
package io.headroom.maven;
