"""A Modbus device served by Debian's python3-pymodbus (3.0.0), a peer the project did not write.

Usage: pymodbus-server.py tcp [--units 1,2]
       pymodbus-server.py rtu --serial /tmp/ttyX [--baud 19200] [--units 1,2]

TCP listens on 127.0.0.1 on a free port. When ready it prints one JSON line on stdout,
{"port": N} (TCP) or {"serial": path} (RTU), and it exits when its stdin closes, so a test
that dies never leaves it behind.

Every unit holds the same known vector (zero-based addresses, zero_mode):
  coils 0..99            on when address % 3 == 0
  discrete inputs 0..99  on when address is odd
  holding 0..199         address * 7 + 1
  input   0..199         1000 + address
Beyond those ranges the device answers exception 2 (illegal data address). A unit not in
--units gets no reply: a dead unit on the line. (pymodbus 3.0's framers drop requests to
unknown units before its "no such slave" path, so it cannot answer exception 11 instead.)
"""

import argparse
import asyncio
import json
import sys
import types


def stub_serial_modules():
    """pymodbus.server imports pyserial even for TCP; Debian only recommends it."""
    try:
        import serial_asyncio  # noqa: F401
    except ImportError:
        serial = types.ModuleType("serial")
        serial.serialutil = types.SimpleNamespace(SerialException=Exception)
        sys.modules["serial"] = serial
        serial_asyncio = types.ModuleType("serial_asyncio")
        serial_asyncio.create_serial_connection = None
        sys.modules["serial_asyncio"] = serial_asyncio


def make_context(units):
    from pymodbus.datastore import (
        ModbusSequentialDataBlock,
        ModbusServerContext,
        ModbusSlaveContext,
    )

    def unit_context():
        return ModbusSlaveContext(
            co=ModbusSequentialDataBlock(0, [a % 3 == 0 for a in range(100)]),
            di=ModbusSequentialDataBlock(0, [a % 2 == 1 for a in range(100)]),
            hr=ModbusSequentialDataBlock(0, [a * 7 + 1 for a in range(200)]),
            ir=ModbusSequentialDataBlock(0, [1000 + a for a in range(200)]),
            zero_mode=True,
        )

    return ModbusServerContext(slaves={u: unit_context() for u in units}, single=False)


async def stop_on_stdin_eof(stop):
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)
    stop.set()


async def serve_tcp(args, context):
    from pymodbus.server.async_io import ModbusTcpServer

    server = ModbusTcpServer(
        context,
        address=("127.0.0.1", 0),
        ignore_missing_slaves=True,
    )
    task = asyncio.create_task(server.serve_forever())
    await server.serving
    port = server.server.sockets[0].getsockname()[1]
    print(json.dumps({"port": port}), flush=True)
    stop = asyncio.Event()
    asyncio.create_task(stop_on_stdin_eof(stop))
    await stop.wait()
    await server.shutdown()
    task.cancel()


async def serve_rtu(args, context):
    from pymodbus.framer.rtu_framer import ModbusRtuFramer
    from pymodbus.server.async_io import ModbusSerialServer

    server = ModbusSerialServer(
        context,
        framer=ModbusRtuFramer,
        port=args.serial,
        baudrate=args.baud,
        ignore_missing_slaves=True,
    )
    await server.start()
    print(json.dumps({"serial": args.serial}), flush=True)
    stop = asyncio.Event()
    asyncio.create_task(stop_on_stdin_eof(stop))
    await stop.wait()
    await server.shutdown()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["tcp", "rtu"])
    parser.add_argument("--units", default="1")
    parser.add_argument("--serial")
    parser.add_argument("--baud", type=int, default=19200)
    args = parser.parse_args()
    if args.mode == "tcp":
        stub_serial_modules()
    context = make_context([int(u) for u in args.units.split(",")])
    asyncio.run(serve_tcp(args, context) if args.mode == "tcp" else serve_rtu(args, context))


if __name__ == "__main__":
    main()
