/*
 * bcryptprimitives.dll for Wine 8, which lacks ProcessPrng: Go 1.22 and
 * later take their random bytes from it on Windows, and a Go program
 * stops at start-up without it. This one fills the buffer from
 * RtlGenRandom (advapi32's SystemFunction036), which Wine has.
 * scripts/wine-test.sh builds it with MinGW-w64 and installs it in the
 * Wine prefix it makes; it is never part of consign.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
	while (length > 0) {
		ULONG n = length > 0x40000000 ? 0x40000000 : (ULONG)length;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		length -= n;
	}
	return TRUE;
}
