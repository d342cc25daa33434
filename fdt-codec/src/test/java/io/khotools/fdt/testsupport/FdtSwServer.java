package io.khotools.fdt.testsupport;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One long-lived {@code python3 fdtsw_server.py} process that replays writer call sequences on pylibfdt's
 * {@code FdtSw} (see the script for the framing). Starting one process per property (not per try) keeps 500
 * tries within seconds. Not thread-safe.
 */
public final class FdtSwServer implements AutoCloseable {
    private final Process process;
    private final DataOutputStream in;
    private final DataInputStream out;
    private final String libfdtPath;

    private FdtSwServer(Process process) throws IOException {
        this.process = process;
        this.in = new DataOutputStream(process.getOutputStream());
        this.out = new DataInputStream(process.getInputStream());
        Response hello = read();
        if (hello.status != 0) {
            throw new IOException(new String(hello.data, StandardCharsets.UTF_8));
        }
        this.libfdtPath = new String(hello.data, StandardCharsets.UTF_8);
    }

    /**
     * Starts the server with the first python that can import {@code libfdt} ({@code /usr/bin/python3}, then
     * {@code python3} on the PATH).
     *
     * @return the server, or null when no python with pylibfdt is available
     */
    public static FdtSwServer startOrNull() {
        Path script;
        try {
            script = Path.of(FdtSwServer.class.getResource("/fdtsw_server.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (String python : new String[] {"/usr/bin/python3", "python3"}) {
            if (python.startsWith("/") && !Files.isExecutable(Path.of(python))) {
                continue;
            }
            Process p = null;
            try {
                p = new ProcessBuilder(python, "-u", script.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                return new FdtSwServer(p);
            } catch (IOException e) {
                if (p != null) {
                    p.destroy();
                }
            }
        }
        return null;
    }

    /** Where the python module was loaded from. */
    public String libfdtPath() {
        return libfdtPath;
    }

    /**
     * Replays one call sequence ({@link WriterSpecTree#fdtSwCalls}) and returns {@code as_fdt()}'s blob cut to
     * totalsize.
     *
     * @throws AssertionError with python's exception text if libfdt refused a call
     */
    public byte[] run(byte[] calls) {
        try {
            in.writeInt(calls.length);
            in.write(calls);
            in.flush();
            Response r = read();
            if (r.status != 0) {
                throw new AssertionError("pylibfdt failed: " + new String(r.data, StandardCharsets.UTF_8));
            }
            return r.data;
        } catch (IOException e) {
            throw new UncheckedIOException("fdtsw_server.py died", e);
        }
    }

    private Response read() throws IOException {
        int status = out.readUnsignedByte();
        int len = out.readInt();
        byte[] data = out.readNBytes(len);
        if (data.length != len) {
            throw new IOException("fdtsw_server.py sent " + data.length + " of " + len + " bytes");
        }
        return new Response(status, data);
    }

    private record Response(int status, byte[] data) {}

    /** Ends the server (empty request), waiting briefly, then kills it if needed. */
    @Override
    public void close() {
        try {
            in.writeInt(0);
            in.flush();
            in.close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
