package io.headroom.profiler;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A child JVM for tests that is slow while its CPU is low: one thread reads replies from a loopback server
 * that answers each request after 40 ms ({@link #awaitReply}), one parks ({@link #idle}) and,
 * given a named pipe as the second argument, reads it while another thread writes it slowly
 * ({@link #readPipe}). Prints {@code ready <port>}; exits by itself after the seconds given as the first
 * argument. Traffic only to 127.0.0.1.
 */
public final class SlowPeer {
    static volatile long sink;

    private SlowPeer() {}

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 30;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread peer = new Thread(() -> serve(server, end), "slow-peer-server");
            peer.setDaemon(true);
            peer.start();
            Thread parker = new Thread(() -> idle(end), "slow-peer-parker");
            parker.setDaemon(true);
            parker.start();
            if (args.length > 1) {
                Thread pipe = new Thread(() -> readPipe(Path.of(args[1]), end), "slow-peer-pipe-reader");
                pipe.setDaemon(true);
                pipe.start();
            }
            System.out.println("ready " + server.getLocalPort());
            System.out.flush();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                while (System.nanoTime() < end) sink += awaitReply(in, out);
            }
        }
    }

    /** One request, then a blocking read of the 512-byte reply: wall time, almost no CPU. */
    static long awaitReply(InputStream in, OutputStream out) throws IOException {
        out.write('?');
        out.flush();
        byte[] reply = new byte[512];
        int got = 0;
        while (got < reply.length) {
            int n = in.read(reply, got, reply.length - got);
            if (n < 0) throw new IOException("server closed");
            got += n;
        }
        return reply[0];
    }

    static void idle(long endNanos) {
        while (System.nanoTime() < endNanos) LockSupport.parkNanos(50_000_000L);
    }

    private static void serve(ServerSocket server, long endNanos) {
        try (Socket client = server.accept()) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            byte[] reply = new byte[512];
            while (System.nanoTime() < endNanos && in.read() >= 0) {
                Thread.sleep(40);
                out.write(reply);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the client went away: the program is ending
        }
    }

    /**
     * Reads a named pipe that gets 256 bytes every 40 ms: a file read that blocks (a regular file's reads
     * are too fast to pass the 1 ms threshold reliably).
     */
    static void readPipe(Path fifo, long endNanos) {
        Thread writer = new Thread(() -> {
            try (FileOutputStream out = new FileOutputStream(fifo.toFile())) {
                while (System.nanoTime() < endNanos) {
                    Thread.sleep(40);
                    out.write(new byte[256]);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the reader went away: the program is ending
            }
        }, "slow-peer-pipe-writer");
        writer.setDaemon(true);
        writer.start();
        try (FileInputStream in = new FileInputStream(fifo.toFile())) {
            byte[] buffer = new byte[256];
            while (System.nanoTime() < endNanos && in.read(buffer) >= 0) sink += buffer[0];
        } catch (IOException e) {
            // the writer went away: the program is ending
        }
    }
}
