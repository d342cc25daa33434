package io.khotools.fdt.dts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.khotools.fdt.testsupport.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/corpus/fetch-dtbs.sh} against stub {@code apt-get}, {@code apt-cache} and {@code dpkg-deb}
 * (first on the PATH), so it runs offline: what it downloads, where it extracts, that it keeps only
 * device-tree blobs, and that a complete cache is not fetched again.
 */
class FetchDtbsScriptTest {
    @TempDir
    Path tmp;
    private Path bin;
    private Path log;
    private Path cache;

    @BeforeEach
    void stubs() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash not available: skipped");
        bin = Files.createDirectories(tmp.resolve("bin"));
        log = tmp.resolve("calls.log");
        cache = tmp.resolve("corpus");
        stub("apt-get", """
                echo "apt-get $*" >> "$STUB_LOG"
                for a in "$@"; do last="$a"; done
                case " $* " in
                  *" download "*) echo "$last" > "${last%%:*}_1.0_all.deb" ;;
                esac
                """);
        stub("apt-cache", """
                echo "apt-cache $*" >> "$STUB_LOG"
                echo "linux-image-arm64"
                echo "  Depends: linux-image-9.9-arm64:arm64"
                """);
        stub("dpkg-deb", """
                echo "dpkg-deb $*" >> "$STUB_LOG"
                mkdir -p "$3/usr/lib/$(cat "$2" | tr ':' '_')/sub"
                printf 'blob' > "$3/usr/lib/$(cat "$2" | tr ':' '_')/sub/board.dtb"
                printf 'ovl' > "$3/usr/lib/$(cat "$2" | tr ':' '_')/x.dtbo"
                printf 'no' > "$3/usr/lib/readme.txt"
                """);
    }

    private void stub(String name, String body) throws IOException {
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/bash\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Result run(String... args) throws IOException, InterruptedException {
        Path script = TestData.path("").getParent().resolve("scripts/corpus/fetch-dtbs.sh");
        List<String> cmd = new java.util.ArrayList<>(List.of("/bin/bash", script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("STUB_LOG", log.toString());
        pb.environment().put("KHOTOOLS_CORPUS_DIR", cache.toString());
        pb.environment().put("KHOTOOLS_CORPUS_PACKAGES", "@kernel-arm64 tiny-pkg");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    record Result(int exit, String output) {}

    @Test
    void downloadsExtractsOnlyBlobsAndSkipsWhenCached() throws Exception {
        Result first = run();
        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(cache.resolve("linux-image-9.9-arm64/usr/lib/linux-image-9.9-arm64_arm64/sub/board.dtb")).exists();
        assertThat(cache.resolve("tiny-pkg/usr/lib/tiny-pkg/x.dtbo")).exists();
        assertThat(cache.resolve("tiny-pkg/usr/lib/readme.txt")).doesNotExist();
        assertThat(Files.readString(cache.resolve(".complete"))).isEqualTo("@kernel-arm64 tiny-pkg");
        String calls = Files.readString(log);
        assertThat(calls).contains("download linux-image-9.9-arm64:arm64").contains("download tiny-pkg")
                .contains("Dir::State::Lists=" + cache.resolve(".apt/lists"));
        assertThat(first.output()).contains("complete: 4 blobs");

        Result second = run();
        assertThat(second.exit()).isZero();
        assertThat(second.output()).contains("cached: 4 blobs");
        assertThat(Files.readString(log)).isEqualTo(calls); // nothing fetched again

        Result forced = run("--force");
        assertThat(forced.exit()).isZero();
        assertThat(Files.readString(log).length()).isGreaterThan(calls.length());
    }

    @Test
    void rejectsUnknownArguments() throws Exception {
        Result r = run("--bogus");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.output()).contains("unknown argument: --bogus");
    }
}
