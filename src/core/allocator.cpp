#include "core/allocator.hpp"

#include <malloc.h>

#include <cstdlib>

#ifdef STADTKERN_JEMALLOC
#include <jemalloc/jemalloc.h>

// jemalloc's defaults for this program (MALLOC_CONF adds to them): one
// arena (each thread allocates from its own cache first; entities replaced
// on one thread and freed on another leave no holes in a second arena:
// bench/memory.sh 300 MB against 314 MB with two, at the same speed in
// bench/context.sh), unused pages returned after a second by a background
// thread instead of on the request threads.
extern "C" {
const char* malloc_conf = "narenas:1,background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0";
}
#endif

namespace core::allocator {

#ifdef STADTKERN_JEMALLOC

const char* name() { return "jemalloc"; }

void tune(int) {}

void release_free_memory() {
#define STADTKERN_STRINGIFY(x) #x
#define STADTKERN_ARENA_PURGE(all) "arena." STADTKERN_STRINGIFY(all) ".purge"
  mallctl(STADTKERN_ARENA_PURGE(MALLCTL_ARENAS_ALL), nullptr, nullptr, nullptr, 0);
#undef STADTKERN_ARENA_PURGE
#undef STADTKERN_STRINGIFY
}

#else

const char* name() { return "glibc malloc"; }

// glibc gives each thread that contends on malloc an arena of its own, up to
// 8 per core; with dozens of worker threads their free lists hold much memory
// that no one uses. A few arenas suffice (writes are serialised per tenant,
// reads mostly serve cached bodies). A fixed mmap threshold keeps large
// buffers (request bodies of batch writes, query answers) out of the heap:
// glibc would otherwise raise the threshold after the first such buffer is
// freed, and the heap would keep the holes.
void tune(int glibc_arenas) {
  if (glibc_arenas > 0 && std::getenv("MALLOC_ARENA_MAX") == nullptr)
    mallopt(M_ARENA_MAX, glibc_arenas);
  if (std::getenv("MALLOC_MMAP_THRESHOLD_") == nullptr) mallopt(M_MMAP_THRESHOLD, 128 * 1024);
}

void release_free_memory() { malloc_trim(0); }

#endif

} // namespace core::allocator
