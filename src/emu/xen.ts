/**
 * The Xen PV model: what happens when a PV guest executes a privileged instruction, and its hypercalls.
 *
 * A PV guest kernel runs deprivileged, so every direct MSR instruction (RDMSR, WRMSR, WRMSRNS and the
 * immediate forms) traps into the hypervisor. Each trap is counted — avoiding them is the point of the
 * proposal's Xen thunk — and then handled by the policy Linux's `xen_do_read_msr`/`xen_do_write_msr`
 * implement (reference §5), which is also what Xen does with the trapped instruction:
 *
 * - writes to FS_BASE / GS_BASE / KERNEL_GS_BASE set the segment base (Xen's `set_segment_base`);
 * - writes to the syscall MSRs (STAR, LSTAR, CSTAR, SYSCALL_MASK, SYSENTER_*) are ignored: the guest
 *   sets up system calls by hypercall;
 * - a read of APIC_BASE clears the x2APIC-enable bit (10) and sets the BSP bit (8) on CPU 0;
 * - the performance-monitoring MSRs would be emulated from the shared PMU page while the PMU interrupt
 *   is being handled; this model never delivers one, so they pass through;
 * - everything else passes through to the MSR file: Xen emulates it, or injects #GP(0).
 *
 * Hypercalls (`vmcall`, x86-64 ABI: number in RAX, arguments in RDI, RSI, RDX, R10, R8, result in RAX):
 * console_io (18) with CONSOLEIO_write, set_segment_base (25), sched_op (29) with SCHEDOP_shutdown.
 */
import { MSR, type MsrFile } from "./msr-file.js";
import type { GuestRegs, MsrResult, Stop } from "./platform.js";

export const HYPERVISOR_console_io = 18;
export const HYPERVISOR_set_segment_base = 25;
export const HYPERVISOR_sched_op = 29;
export const CONSOLEIO_write = 0;
export const SCHEDOP_shutdown = 2;
export const SEGBASE_FS = 0;
export const SEGBASE_GS_USER = 1;
export const SEGBASE_GS_KERNEL = 2;

const ENOSYS = 38n;
const EINVAL = 22n;
const neg = (e: bigint): bigint => BigInt.asUintN(64, -e);

const IGNORED_WRITES = new Set<number>([
  MSR.STAR, MSR.LSTAR, MSR.CSTAR, MSR.SYSCALL_MASK, MSR.IA32_SYSENTER_CS, MSR.IA32_SYSENTER_ESP, MSR.IA32_SYSENTER_EIP,
]);

const RAX = 0, RDX = 2, RSI = 6, RDI = 7;

export interface XenCounters {
  /** Direct MSR instructions that trapped into the hypervisor. */
  traps: number;
  hypercalls: Record<string, number>;
}

export class XenPv {
  readonly counters: XenCounters = { traps: 0, hypercalls: {} };

  constructor(private readonly msrs: MsrFile, private readonly console: (bytes: Uint8Array) => void) {}

  rdmsr(msr: number, regs: GuestRegs): MsrResult {
    this.counters.traps++;
    const r = this.msrs.read(msr, regs);
    if (r.ok && msr === MSR.IA32_APIC_BASE) return { ok: true, value: (r.value & ~(1n << 10n)) | (1n << 8n) };
    return r;
  }

  wrmsr(msr: number, value: bigint, regs: GuestRegs): MsrResult {
    this.counters.traps++;
    if (IGNORED_WRITES.has(msr)) return { ok: true, value };
    return this.msrs.write(msr, value, regs); // segment bases and the rest
  }

  hypercall(regs: GuestRegs): Stop | undefined {
    const nr = Number(regs.get(RAX) & 0xffffffffn);
    const name = nr === HYPERVISOR_console_io ? "console_io" : nr === HYPERVISOR_set_segment_base ? "set_segment_base" : nr === HYPERVISOR_sched_op ? "sched_op" : `hypercall_${nr}`;
    this.counters.hypercalls[name] = (this.counters.hypercalls[name] ?? 0) + 1;
    const a1 = regs.get(RDI);
    const a2 = regs.get(RSI);
    const a3 = regs.get(RDX);
    switch (nr) {
      case HYPERVISOR_console_io: {
        if (a1 !== BigInt(CONSOLEIO_write)) return this.ret(regs, neg(ENOSYS));
        const count = Number(a2 & 0xffffffffn);
        this.console(regs.readMemory(a3, count));
        return this.ret(regs, BigInt(count));
      }
      case HYPERVISOR_set_segment_base: {
        const which = Number(a1);
        const seg = which === SEGBASE_FS ? "fs" : which === SEGBASE_GS_USER ? "kernelGs" : which === SEGBASE_GS_KERNEL ? "gs" : undefined;
        if (!seg) return this.ret(regs, neg(EINVAL));
        const r = this.msrs.write(seg === "fs" ? MSR.FS_BASE : seg === "gs" ? MSR.GS_BASE : MSR.KERNEL_GS_BASE, a2, regs);
        return this.ret(regs, r.ok ? 0n : neg(EINVAL));
      }
      case HYPERVISOR_sched_op: {
        if (a1 !== BigInt(SCHEDOP_shutdown)) return this.ret(regs, neg(ENOSYS));
        const reason = regs.readMemory(a2, 4);
        const code = reason[0]! | (reason[1]! << 8) | (reason[2]! << 16) | (reason[3]! << 24);
        return { kind: "exit", code };
      }
      default:
        return this.ret(regs, neg(ENOSYS));
    }
  }

  private ret(regs: GuestRegs, v: bigint): undefined {
    regs.set(RAX, v);
    return undefined;
  }
}
