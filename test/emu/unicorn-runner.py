#!/usr/bin/python3
"""Runs raw-mode cases in Unicorn (python3-unicorn) for the differential test.

stdin: a JSON list of cases, each {"code": HEX, "base": "0x..", "regs": {"rax": "0x..", ...},
"rflags": "0x..", "mem": [{"addr": "0x..", "hex": HEX}], "dump": [{"addr": "0x..", "len": N}]} -- the
same state raw mode takes. Memory is exactly the pages the code, fills and windows cover (as in raw
mode). The run starts at base and ends on reaching the final HLT (the last byte of the code). Cases
with the same pages reuse one Uc (pages zeroed, the translation cache over the code dropped): making
and mapping a Uc costs more than running a case.

stdout: a JSON list of results {"rax": "0x..", ..., "rip", "rflags", "mem": [...], "exception"?:
{"vector", "rip"}}: an interrupt hook (#DE, #UD, #BP...) or an unmapped access (#PF) ends a case.
"""
import json
import sys

from unicorn import Uc, UcError, UC_ARCH_X86, UC_MODE_64, UC_HOOK_INTR, UC_PROT_ALL
from unicorn import UC_ERR_READ_UNMAPPED, UC_ERR_WRITE_UNMAPPED, UC_ERR_FETCH_UNMAPPED, UC_ERR_INSN_INVALID
from unicorn.x86_const import (
    UC_X86_REG_RAX, UC_X86_REG_RCX, UC_X86_REG_RDX, UC_X86_REG_RBX, UC_X86_REG_RSP, UC_X86_REG_RBP,
    UC_X86_REG_RSI, UC_X86_REG_RDI, UC_X86_REG_R8, UC_X86_REG_R9, UC_X86_REG_R10, UC_X86_REG_R11,
    UC_X86_REG_R12, UC_X86_REG_R13, UC_X86_REG_R14, UC_X86_REG_R15, UC_X86_REG_RIP, UC_X86_REG_EFLAGS,
)

NAMES = ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"]
REGS = [UC_X86_REG_RAX, UC_X86_REG_RCX, UC_X86_REG_RDX, UC_X86_REG_RBX, UC_X86_REG_RSP, UC_X86_REG_RBP,
        UC_X86_REG_RSI, UC_X86_REG_RDI, UC_X86_REG_R8, UC_X86_REG_R9, UC_X86_REG_R10, UC_X86_REG_R11,
        UC_X86_REG_R12, UC_X86_REG_R13, UC_X86_REG_R14, UC_X86_REG_R15]
PAGE = 4096


_machine = {"pages": None, "uc": None, "hook": None}
ZERO = bytes(PAGE)


def machine(pages):
    """A Uc with exactly `pages` mapped and zeroed: the previous case's when it had the same pages."""
    m = _machine
    if m["pages"] != pages:
        m["uc"] = Uc(UC_ARCH_X86, UC_MODE_64)
        for p in sorted(pages):
            m["uc"].mem_map(p * PAGE, PAGE, UC_PROT_ALL)
        m["pages"] = pages
        m["hook"] = None
    else:
        for p in pages:
            m["uc"].mem_write(p * PAGE, ZERO)
    return m["uc"]


def run(case):
    code = bytes.fromhex(case["code"])
    base = int(case["base"], 16)
    pages = set()

    def cover(addr, n):
        for p in range(addr // PAGE, (addr + max(n, 1) - 1) // PAGE + 1):
            pages.add(p)

    cover(base, len(code))
    for m in case.get("mem", []):
        cover(int(m["addr"], 16), len(m["hex"]) // 2)
    for d in case.get("dump", []):
        if d["len"] > 0:
            cover(int(d["addr"], 16), d["len"])
    uc = machine(frozenset(pages))
    uc.mem_write(base, code)
    uc.ctl_remove_cache(base, base + len(code))
    for m in case.get("mem", []):
        uc.mem_write(int(m["addr"], 16), bytes.fromhex(m["hex"]))
    regs = case.get("regs", {})
    for name, reg in zip(NAMES, REGS):
        uc.reg_write(reg, int(regs.get(name, "0x0"), 16))
    uc.reg_write(UC_X86_REG_EFLAGS, int(case.get("rflags", "0x2"), 16))
    exc = {}

    def on_intr(uc, intno, user):
        exc["vector"] = intno
        exc["rip"] = uc.reg_read(UC_X86_REG_RIP)
        uc.emu_stop()

    if _machine["hook"] is not None:
        uc.hook_del(_machine["hook"])
    _machine["hook"] = uc.hook_add(UC_HOOK_INTR, on_intr)
    end = base + len(code) - 1
    try:
        uc.emu_start(base, end, 0, case.get("max", 100000))
    except UcError as e:
        if e.errno in (UC_ERR_READ_UNMAPPED, UC_ERR_WRITE_UNMAPPED, UC_ERR_FETCH_UNMAPPED):
            exc["vector"] = 14
        elif e.errno == UC_ERR_INSN_INVALID:
            exc["vector"] = 6
        else:
            exc["vector"] = -1
            exc["error"] = str(e)
        exc["rip"] = uc.reg_read(UC_X86_REG_RIP)
    out = {name: hex(uc.reg_read(reg)) for name, reg in zip(NAMES, REGS)}
    out["rip"] = hex(uc.reg_read(UC_X86_REG_RIP))
    out["rflags"] = hex(uc.reg_read(UC_X86_REG_EFLAGS))
    out["mem"] = [{"addr": d["addr"], "hex": bytes(uc.mem_read(int(d["addr"], 16), d["len"])).hex()} for d in case.get("dump", [])]
    if exc:
        exc["rip"] = hex(exc["rip"])
        out["exception"] = exc
        # An exception leaves QEMU's CPU in a state the next case would inherit: start afresh.
        _machine["pages"] = None
    return out


def main():
    cases = json.load(sys.stdin)
    sys.stdout.write(json.dumps([run(c) for c in cases]))


if __name__ == "__main__":
    main()
