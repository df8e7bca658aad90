package io.headroom.cli;

/** Entry point of the {@code headroom} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("headroom");
    }
}
