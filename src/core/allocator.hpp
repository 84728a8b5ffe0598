// The process's memory allocator. Release builds link jemalloc: the broker's
// writes allocate and free many small JSON nodes on several threads at once,
// where glibc malloc spends a third of the CPU in its free lists. Builds
// without it (sanitizers, STADTKERN_JEMALLOC=OFF) use glibc malloc, tuned
// here.
#pragma once

namespace core::allocator {

// "jemalloc" or "glibc malloc": what this build allocates with.
const char* name();

// Start-up settings. glibc: at most `glibc_arenas` arenas (0 = glibc's
// default; MALLOC_ARENA_MAX wins) and a fixed mmap threshold. jemalloc takes
// its settings from the defaults compiled in here and MALLOC_CONF.
void tune(int glibc_arenas);

// Returns the memory freed so far to the system (after the start-up load,
// which parses every entity once).
void release_free_memory();

} // namespace core::allocator
