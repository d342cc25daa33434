package io.khotools.fdt.oracle;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Asks {@code fdt_oracle} (see {@code src/test/c/fdt_oracle.c}) for libfdt's verdict on any number of blobs
 * with one process: frames go to its stdin, one line per blob comes back. When libfdt crashes or loops on a
 * blob, that blob's verdict says so ({@link LibfdtVerdict#crashed()}, {@link LibfdtVerdict#hung()}), a fresh
 * process is started and the rest of the batch goes on. A daemon thread reads the answers, so the
 * caller never waits longer than {@link #ANSWER_TIMEOUT_S} seconds for one. Not thread-safe; close it to end
 * the process.
 */
final class LibfdtOracle implements AutoCloseable {
    /** Longest wait for one answer; the oracle itself gives up on a blob after 1 s of CPU time. */
    static final int ANSWER_TIMEOUT_S = 30;

    private static final String EOF = "\u0000eof";

    private final Path executable;
    private Process process;
    private DataOutputStream in;
    private BlockingQueue<String> answers;
    private int restarts;
    private LibfdtVersion version;

    /** The oracle stopped answering or died without saying why, while checking one blob of a batch. */
    static final class Failure extends RuntimeException {
        private final int index;

        Failure(int index, String what) {
            super(what);
            this.index = index;
        }

        /** Index, in the batch given to {@link #check}, of the blob that was being checked. */
        int index() {
            return index;
        }
    }

    private LibfdtOracle(Path executable) {
        this.executable = executable;
        launch();
    }

    /**
     * Builds the oracle if needed and starts it.
     *
     * @throws org.opentest4j.TestAbortedException when gcc or libfdt-dev is not installed
     */
    static LibfdtOracle start() {
        return new LibfdtOracle(OracleBuild.executable());
    }

    /** The current process id, for tests that signal it. */
    long pid() {
        return process.pid();
    }

    /** The libfdt the oracle runs on. */
    LibfdtVersion version() {
        return version;
    }

    /** How many times a crash or an endless loop made a fresh process necessary. */
    int restarts() {
        return restarts;
    }

    /**
     * libfdt's verdict for each blob, in order. Each blob is sent whole; {@code fdt_check_full} gets its length.
     *
     * @throws Failure naming the index of the blob on which the oracle hung or died without a crash line
     */
    List<LibfdtVerdict> check(List<byte[]> blobs) {
        List<LibfdtVerdict> out = new ArrayList<>(blobs.size());
        while (out.size() < blobs.size()) {
            send(blobs.subList(out.size(), blobs.size()));
            while (out.size() < blobs.size()) {
                int index = out.size();
                String line = next(index);
                LibfdtVerdict v = LibfdtVerdict.parse(line);
                if (v == null) {
                    throw new Failure(index, "fdt_oracle answered \"" + line + "\" for this blob");
                }
                out.add(v);
                if (v.crashed() || v.hung()) {
                    // the process has exited; the blobs after this one were lost with it
                    close();
                    restarts++;
                    launch();
                    break;
                }
            }
        }
        return out;
    }

    private void launch() {
        try {
            Path log = executable.resolveSibling("fdt_oracle.stderr");
            process = new ProcessBuilder(executable.toString()).redirectError(log.toFile()).start();
            in = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
            answers = new LinkedBlockingQueue<>();
            Process p = process;
            BlockingQueue<String> q = answers;
            Thread reader = new Thread(() -> readAnswers(p, q), "fdt_oracle-stdout");
            reader.setDaemon(true);
            reader.start();
            String hello = next(0);
            if (!hello.startsWith("ready ")) {
                throw new AssertionError("fdt_oracle did not start: " + hello + " (see " + log + ")");
            }
            version = LibfdtVersion.of(hello.substring(6));
        } catch (IOException e) {
            throw new AssertionError("cannot start " + executable, e);
        }
    }

    private void send(List<byte[]> blobs) {
        try {
            for (byte[] b : blobs) {
                in.writeInt(b.length);
                in.write(b);
            }
            in.flush();
        } catch (IOException e) {
            // the process died (a crash): its answers so far say on which blob
        }
    }

    private String next(int index) {
        try {
            String line = answers.poll(ANSWER_TIMEOUT_S, TimeUnit.SECONDS);
            if (line == null) {
                process.destroyForcibly();
                throw new Failure(index, "fdt_oracle gave no answer within " + ANSWER_TIMEOUT_S + " s");
            }
            if (line.equals(EOF)) {
                throw new Failure(index, "fdt_oracle ended without an answer for this blob (exit " + exitCode() + ")");
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(index, "interrupted");
        }
    }

    private String exitCode() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static void readAnswers(Process p, BlockingQueue<String> q) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                q.add(line);
            }
        } catch (IOException e) {
            // stream closed with the process: the EOF marker below tells the caller
        }
        q.add(EOF);
    }

    /** Closes the oracle's stdin (it exits at EOF) and kills it if it has not ended within 5 seconds. */
    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
