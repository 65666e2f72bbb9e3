/* Symbol attributes and assignments: binding, visibility, type, size, and .set/.equ/.equiv/= with
 * absolute, section-relative and forward-referencing values. */
	.globl g_func
	.global g_data
	.weak w_func
	.weak w_undef
	.hidden h_func
	.globl h_func
	.protected p_func
	.globl p_func
	.internal i_func
	.globl i_func
	.local l_func

	.text
	.type g_func, @function
g_func:
	call	w_func
	call	w_undef
	call	h_func
	call	p_func
	call	i_func
	call	l_func
	call	ext_func
	ret
	.size g_func, . - g_func

	.type w_func, @function
w_func:
	ret
	.size w_func, 1

	.type h_func, %function
h_func:
	xorl	%eax, %eax
	ret
	.size h_func, .-h_func

	.type p_func, STT_FUNC
p_func:
	ret
	.type i_func, @function
i_func:
	ret
l_func:
	ret
	.type l_func, @function
	.size l_func, 1
	.type ifunc_sym, @gnu_indirect_function
	.globl ifunc_sym
ifunc_sym:
	leaq	g_func(%rip), %rax
	ret

	.data
	.type g_data, @object
	.size g_data, 16
g_data:
	.quad 1, 2
	.type local_obj, @object
local_obj:
	.long 3
	.size local_obj, 4
	.type tls_sym, @tls_object

	.set ABS_A, 0x1000
	.equ ABS_B, ABS_A + 0x20
	ABS_C = ABS_B * 2
	.equiv ABS_D, ABS_C - 1
	.set REL_A, g_data + 8
	.set REL_B, g_func
	alias_of_g = g_func
	.globl alias_of_g
	.set fwd, later + 4
	.globl ABS_A
	.globl REL_A

	.long ABS_A, ABS_B, ABS_C, ABS_D
	.quad REL_A, REL_B, fwd
	.long later - g_data
	.set ABS_A, 0x2000
	.long ABS_A
later:
	.long 0
	.weak weak_data
weak_data:
	.long 5
	.hidden hidden_undef
	.quad hidden_undef
	.long .Llocal_end - g_data
.Llocal_end:
	.globl ext_func2
	.quad ext_func2
	.type ext_func2, @function
