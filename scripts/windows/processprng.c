/* bcryptprimitives.dll for Wine 8, used only by the test command (scripts/windows.sh).
 *
 * Rust's standard library (1.78 and later) gets its random numbers from ProcessPrng in bcryptprimitives.dll, which
 * Windows 10 and 11 have and Wine 8 (Debian 12's) does not: without it every Rust program stops at start-up under
 * Wine. This DLL exports ProcessPrng and fills the buffer with RtlGenRandom (SystemFunction036 of advapi32), which
 * Wine has. Real Windows never loads it: it is built into a folder of target/ that only Wine is pointed at. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
