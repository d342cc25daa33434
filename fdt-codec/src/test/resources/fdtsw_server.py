#!/usr/bin/env python3
"""Replays FdtWriter call sequences on pylibfdt's FdtSw and returns the blobs.

Used by FdtWriterLibfdtPropertiesTest: one process serves every try. Framing (big-endian):
  request  = u32 length, then calls: 'H' u32 size_hint (0 = FdtSw's default), 'R' u64 addr u64 size,
             'F' finish_reservemap, 'B' u32 n name, 'P' u32 n name u32 m value, 'E' end_node
  response = u8 status (0 ok, 1 error), u32 length, then the blob (as_fdt() cut to totalsize) or the error text
At start the server sends one response: status 0 with the libfdt module path, or status 1 when
'import libfdt' fails. An empty request (length 0) ends the server.
"""
import struct
import sys

out = sys.stdout.buffer
inp = sys.stdin.buffer


def reply(status, data):
    out.write(struct.pack('>BI', status, len(data)))
    out.write(data)
    out.flush()


try:
    import libfdt
except Exception as e:  # reported to the Java side, which skips the test
    reply(1, ('cannot import libfdt: %s' % e).encode())
    sys.exit(0)
reply(0, libfdt.__file__.encode())


def read_exact(n):
    buf = b''
    while len(buf) < n:
        chunk = inp.read(n - len(buf))
        if not chunk:
            raise EOFError
        buf += chunk
    return buf


def run(calls):
    pos = 0

    def take(n):
        nonlocal pos
        data = calls[pos:pos + n]
        pos += n
        return data

    def blob():
        (n,) = struct.unpack('>I', take(4))
        return take(n)

    sw = None
    while pos < len(calls):
        op = take(1)
        if op == b'H':
            (hint,) = struct.unpack('>I', take(4))
            sw = libfdt.FdtSw(hint or None)
        elif op == b'R':
            addr, size = struct.unpack('>QQ', take(16))
            sw.add_reservemap_entry(addr, size)
        elif op == b'F':
            sw.finish_reservemap()
        elif op == b'B':
            sw.begin_node(blob().decode('latin-1'))
        elif op == b'P':
            name = blob().decode('latin-1')
            sw.property(name, blob())
        elif op == b'E':
            sw.end_node()
        else:
            raise ValueError('unknown call %r at %d' % (op, pos - 1))
    try:
        fdt = sw.as_fdt()
    except libfdt.FdtException as e:
        # as_fdt() runs fdt_finish() without FdtSw's grow-and-retry loop, so it fails with NOSPACE when fewer
        # than 4 bytes (the FDT_END token) are left in the buffer. Grow once as the other calls do.
        if e.err != -libfdt.NOSPACE:
            raise
        sw.resize(len(sw._fdt) + sw.INC_SIZE)
        fdt = sw.as_fdt()
    return bytes(fdt.as_bytearray()[:fdt.totalsize()])


while True:
    try:
        (length,) = struct.unpack('>I', read_exact(4))
    except EOFError:
        break
    if length == 0:
        break
    calls = read_exact(length)
    try:
        reply(0, run(calls))
    except Exception as e:
        reply(1, repr(e).encode())
