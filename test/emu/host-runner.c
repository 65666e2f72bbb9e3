/*
 * Runs raw-mode cases natively on the host CPU (user mode), for the instructions Unicorn gets wrong.
 *
 * The machine is the differential tests' layout: code at 0x400000, a data page at 0x600000 and a
 * stack page at 0x700000, mapped at those addresses. Each case's code (its final HLT replaced by a jump
 * to case_exit) runs from the case's registers and RFLAGS; case_exit stores every GPR and RFLAGS, back
 * on the harness's own stack. A fault (SIGFPE, SIGSEGV, SIGILL, SIGTRAP) is caught on an alternate
 * signal stack, its registers taken from the signal context.
 *
 * stdin, one case per line, hex fields separated by spaces:
 *   code rax rcx rdx rbx rsp rbp rsi rdi r8 … r15 rflags data(0x1000 bytes) stack(0x800 bytes at 0x700400)
 * stdout, one line per case:
 *   rax … r15 rflags rip vector(-1: none) data stack
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#define CODE 0x400000UL
#define DATA 0x600000UL
#define STACK 0x700000UL
#define DATA_LEN 0x1000
#define STACK_OFF 0x400
#define STACK_LEN 0x800

struct state {
  uint64_t r[16];
  uint64_t rflags;
};

struct state case_in, case_out;
uint64_t saved_rsp, entry;
static sigjmp_buf env;
static volatile int vector;
static volatile uint64_t fault_rip;

void enter_case(void);
void case_exit(void);

/* enter_case: save callee-saved registers and RSP, load the case's RFLAGS and GPRs, jump in. */
__asm__(
    ".text\n"
    ".globl enter_case\n"
    "enter_case:\n"
    "  push %rbx\n push %rbp\n push %r12\n push %r13\n push %r14\n push %r15\n"
    "  mov %rsp, saved_rsp(%rip)\n"
    "  pushq case_in+128(%rip)\n"
    "  popfq\n"
    "  mov case_in+0(%rip), %rax\n mov case_in+8(%rip), %rcx\n mov case_in+16(%rip), %rdx\n mov case_in+24(%rip), %rbx\n"
    "  mov case_in+40(%rip), %rbp\n mov case_in+48(%rip), %rsi\n mov case_in+56(%rip), %rdi\n"
    "  mov case_in+64(%rip), %r8\n mov case_in+72(%rip), %r9\n mov case_in+80(%rip), %r10\n mov case_in+88(%rip), %r11\n"
    "  mov case_in+96(%rip), %r12\n mov case_in+104(%rip), %r13\n mov case_in+112(%rip), %r14\n mov case_in+120(%rip), %r15\n"
    "  mov case_in+32(%rip), %rsp\n"
    "  jmp *entry(%rip)\n"
    ".globl case_exit\n"
    "case_exit:\n"
    "  mov %rax, case_out+0(%rip)\n mov %rcx, case_out+8(%rip)\n mov %rdx, case_out+16(%rip)\n mov %rbx, case_out+24(%rip)\n"
    "  mov %rsp, case_out+32(%rip)\n mov %rbp, case_out+40(%rip)\n mov %rsi, case_out+48(%rip)\n mov %rdi, case_out+56(%rip)\n"
    "  mov %r8, case_out+64(%rip)\n mov %r9, case_out+72(%rip)\n mov %r10, case_out+80(%rip)\n mov %r11, case_out+88(%rip)\n"
    "  mov %r12, case_out+96(%rip)\n mov %r13, case_out+104(%rip)\n mov %r14, case_out+112(%rip)\n mov %r15, case_out+120(%rip)\n"
    "  mov saved_rsp(%rip), %rsp\n"
    "  pushfq\n"
    "  popq case_out+128(%rip)\n"
    "  cld\n"
    "  pop %r15\n pop %r14\n pop %r13\n pop %r12\n pop %rbp\n pop %rbx\n"
    "  ret\n");

static const int GREG[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
                             REG_R8,  REG_R9,  REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15};

static void on_signal(int sig, siginfo_t *si, void *ctx) {
  (void)si;
  ucontext_t *uc = ctx;
  for (int i = 0; i < 16; i++) case_out.r[i] = uc->uc_mcontext.gregs[GREG[i]];
  case_out.rflags = uc->uc_mcontext.gregs[REG_EFL];
  fault_rip = uc->uc_mcontext.gregs[REG_RIP];
  vector = sig == SIGFPE ? 0 : sig == SIGILL ? 6 : sig == SIGTRAP ? 3 : 14;
  siglongjmp(env, 1);
}

static int hexval(int c) {
  return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

static size_t unhex(const char *s, size_t n, uint8_t *dst) {
  for (size_t i = 0; i < n / 2; i++) dst[i] = (uint8_t)(hexval(s[2 * i]) << 4 | hexval(s[2 * i + 1]));
  return n / 2;
}

static void puthex(const uint8_t *p, size_t n) {
  static const char d[] = "0123456789abcdef";
  for (size_t i = 0; i < n; i++) {
    putchar(d[p[i] >> 4]);
    putchar(d[p[i] & 15]);
  }
}

static void *map_at(unsigned long addr, size_t len, int prot) {
  void *p = mmap((void *)addr, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  if (p != (void *)addr) {
    fprintf(stderr, "cannot map 0x%lx\n", addr);
    exit(2);
  }
  return p;
}

int main(void) {
  uint8_t *code = map_at(CODE, 0x10000, PROT_READ | PROT_WRITE | PROT_EXEC);
  uint8_t *data = map_at(DATA, DATA_LEN, PROT_READ | PROT_WRITE);
  uint8_t *stack = map_at(STACK, 0x1000, PROT_READ | PROT_WRITE);
  static uint8_t altstack[65536];
  stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
  sigaltstack(&ss, 0);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_signal;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigaction(SIGFPE, &sa, 0);
  sigaction(SIGSEGV, &sa, 0);
  sigaction(SIGBUS, &sa, 0);
  sigaction(SIGILL, &sa, 0);
  sigaction(SIGTRAP, &sa, 0);

  static char line[1 << 20];
  while (fgets(line, sizeof line, stdin)) {
    char *tok[20];
    int n = 0;
    for (char *p = strtok(line, " \n"); p && n < 20; p = strtok(0, " \n")) tok[n++] = p;
    if (n != 20) {
      fprintf(stderr, "bad case line (%d fields)\n", n);
      return 2;
    }
    size_t len = unhex(tok[0], strlen(tok[0]), code);
    /* The final HLT becomes jmp *0(%rip) to case_exit. */
    uint8_t *j = code + len - 1;
    j[0] = 0xff, j[1] = 0x25, j[2] = j[3] = j[4] = j[5] = 0;
    uint64_t exit_addr = (uint64_t)case_exit;
    memcpy(j + 6, &exit_addr, 8);
    for (int i = 0; i < 16; i++) case_in.r[i] = strtoull(tok[1 + i], 0, 16);
    case_in.rflags = strtoull(tok[17], 0, 16);
    memset(data, 0, DATA_LEN);
    memset(stack, 0, 0x1000);
    unhex(tok[18], strlen(tok[18]), data);
    unhex(tok[19], strlen(tok[19]), stack + STACK_OFF);
    entry = CODE;
    vector = -1;
    fault_rip = CODE + len - 1;
    if (sigsetjmp(env, 1) == 0) enter_case();
    for (int i = 0; i < 16; i++) printf("%lx ", (unsigned long)case_out.r[i]);
    printf("%lx %lx %d ", (unsigned long)case_out.rflags, (unsigned long)fault_rip, vector);
    puthex(data, DATA_LEN);
    putchar(' ');
    puthex(stack + STACK_OFF, STACK_LEN);
    putchar('\n');
    fflush(stdout);
  }
  return 0;
}
