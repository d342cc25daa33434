package io.khotools.fdt.dts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonPrinterTest {
    static String print(byte[] dtb) throws IOException {
        ByteBuf blob = Unpooled.wrappedBuffer(dtb);
        try {
            StringBuilder sb = new StringBuilder();
            JsonPrinter.print(blob, sb);
            return sb.toString();
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }

    @Test
    void printsTheDocumentedShape() throws IOException {
        byte[] dtb = new RawBlob().reserve(0x1000, 0x2000)
                .begin("")
                .prop("s", "ab")
                .begin("n\u00e9@1").prop("e", new byte[0]).prop("c", new byte[] {0, 0, 0, 7}).end()
                .begin("x").end()
                .end().finish();
        String json = print(dtb);
        assertThat(json).startsWith("{\n  \"format\": \"khotools-fdt\",\n  \"version\": 1,\n  \"header\": {\n"
                + "    \"magic\": 3490578157,\n");
        assertThat(json).contains("""
                  "reservations": [
                    {"address": "0x1000", "size": "0x2000"}
                  ],
                  "nodes": [
                    {"path": "/", "name": "", "offset": 72, "properties": [
                      {"name": "s", "offset": 80, "length": 3, "type": "string", "value": "ab", "hex": "616200"}
                    ]},
                    {"path": "/n\\u00e9@1", "name": "n\\u00e9@1", "offset": 96, "properties": [
                      {"name": "e", "offset": 108, "length": 0, "type": "empty", "value": null, "hex": ""},
                      {"name": "c", "offset": 120, "length": 4, "type": "cells", "value": [7], "hex": "00000007"}
                    ]},
                    {"path": "/x", "name": "x", "offset": 140, "properties": []}
                  ]
                }
                """);
        assertThat(json.chars()).allMatch(c -> c == '\n' || (c >= 0x20 && c <= 0x7e));
    }

    @Test
    void escapesEveryControlAndNonAsciiChar() {
        StringBuilder sb = new StringBuilder();
        JsonStrings.append(sb, "q\"b\\s/\b\f\n\r\t\u0001\u007f\u00ff");
        assertThat(sb).hasToString("q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0001\\u007f\\u00ff");
    }

    /**
     * Every printed document parses with Python's json module, and every property's {@code value} is exactly
     * its {@code hex} bytes read as its {@code type}.
     */
    @Test
    void outputParsesAndValuesMatchTheirBytes(@TempDir Path dir) throws Exception {
        assumeTrue(new java.io.File("/usr/bin/python3").canExecute(), "python3 not installed: skipped");
        List<byte[]> blobs = new ArrayList<>();
        for (Path p : Blobs.valid()) {
            blobs.add(Files.readAllBytes(p));
        }
        blobs.add(new RawBlob().begin("").prop("z", new byte[] {'a', 0, 0, 'b', 0}).prop("q", "\"\\\u0007")
                .begin("late").end().prop("after", new byte[] {1, 2, 3}).end().finish());
        if (ReferenceTools.available("dtc")) {
            for (long seed = 1; seed <= 40; seed++) {
                blobs.add(ReferenceTools.compile(RandomDts.generate(seed)));
            }
        }
        for (int i = 0; i < blobs.size(); i++) {
            Files.writeString(dir.resolve(i + ".json"), print(blobs.get(i)), StandardCharsets.US_ASCII);
        }
        String check = String.join("\n",
                "import json, sys, glob, struct",
                "n = 0",
                "for f in sorted(glob.glob(sys.argv[1] + '/*.json')):",
                "    d = json.load(open(f))",
                "    assert d['format'] == 'khotools-fdt' and d['version'] == 1, f",
                "    for node in d['nodes']:",
                "        for p in node['properties']:",
                "            b = bytes.fromhex(p['hex']); t = p['type']; v = p['value']",
                "            assert len(b) == p['length'], (f, p)",
                "            if t == 'empty': ok = v is None and not b",
                "            elif t == 'string': ok = (v + '\\0').encode('latin-1') == b",
                "            elif t == 'strings': ok = ''.join(s + '\\0' for s in v).encode('latin-1') == b",
                "            elif t == 'cells': ok = b''.join(struct.pack('>I', c) for c in v) == b",
                "            elif t == 'bytes': ok = bytes(v) == b",
                "            else: ok = False",
                "            assert ok, (f, p)",
                "            n += 1",
                "print(n)");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", check, dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(Integer.parseInt(out.trim())).isGreaterThan(50);
    }
}
