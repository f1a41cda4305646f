#ifndef CRC32C_HARDWARE_H
#define CRC32C_HARDWARE_H

#include <stddef.h>
#include <stdint.h>

/// Whether this CPU has a CRC-32C instruction report can use (SSE 4.2 on x86-64, the CRC
/// extension on 64-bit ARM), checked at run time.
int crc32c_hardware_available(void);

/// Updates `crc` (already inverted, as the table version keeps it) over `count` bytes with the
/// CPU's instruction. Only call when crc32c_hardware_available() returned 1.
uint32_t crc32c_hardware_update(uint32_t crc, const uint8_t *bytes, size_t count);

#endif
