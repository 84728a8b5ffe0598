#include "context/model/compact.hpp"

#include <boost/json/memory_resource.hpp>
#include <boost/json/object.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <new>
#include <vector>

namespace context {

namespace json = boost::json;

namespace {

constexpr std::size_t kDefaultAlign = __STDCPP_DEFAULT_NEW_ALIGNMENT__;

void* heap_allocate(std::size_t n, std::size_t align) {
  if (align <= kDefaultAlign) return ::operator new(n);
  return ::operator new(n, std::align_val_t(align));
}

void heap_deallocate(void* p, std::size_t n, std::size_t align) noexcept {
  if (align <= kDefaultAlign)
    ::operator delete(p, n);
  else
    ::operator delete(p, n, std::align_val_t(align));
}

std::size_t align_up(std::size_t v, std::size_t align) { return (v + align - 1) & ~(align - 1); }

// Counts what a copy allocates, for sizing the block: allocates from a
// scratch buffer that is reused by the next entity of the same thread.
class Measure final : public json::memory_resource {
public:
  explicit Measure(std::vector<unsigned char>& scratch) : scratch_(scratch) {}
  std::size_t used() const { return used_; }

private:
  void* do_allocate(std::size_t n, std::size_t align) override {
    const std::size_t at = align_up(used_, align);
    used_ = at + n;
    if (used_ <= scratch_.size()) return scratch_.data() + at;
    // The scratch buffer is too small: this copy is only measured, so the
    // memory may come from the heap; it is returned by deallocate.
    return heap_allocate(n, align);
  }
  void do_deallocate(void* p, std::size_t n, std::size_t align) override {
    const auto* c = static_cast<const unsigned char*>(p);
    if (c >= scratch_.data() && c < scratch_.data() + scratch_.size()) return;
    heap_deallocate(p, n, align);
  }
  bool do_is_equal(const json::memory_resource& other) const noexcept override {
    return this == &other;
  }

  std::vector<unsigned char>& scratch_;
  std::size_t used_ = 0;
};

std::atomic<std::size_t> g_block_bytes{0};

// One block of a fixed size, handed out front to back and never reused;
// once it is full, allocations go to the heap (and come back there). The
// bump is atomic because a copy of a value inside an indexed entity uses
// the entity's resource, and such copies may be taken by any thread.
// (make_shared_resource wraps it into a reference-counted resource.)
class Block final : public json::memory_resource {
public:
  explicit Block(std::size_t size)
      : begin_(static_cast<unsigned char*>(heap_allocate(size, alignof(std::max_align_t)))),
        size_(size) {
    g_block_bytes.fetch_add(size, std::memory_order_relaxed);
  }
  ~Block() override {
    g_block_bytes.fetch_sub(size_, std::memory_order_relaxed);
    heap_deallocate(begin_, size_, alignof(std::max_align_t));
  }
  Block(const Block&) = delete;
  Block& operator=(const Block&) = delete;

private:
  void* do_allocate(std::size_t n, std::size_t align) override {
    std::size_t at = next_.load(std::memory_order_relaxed);
    for (;;) {
      const std::size_t start = align_up(at, align);
      if (start + n > size_) return heap_allocate(n, align);
      if (next_.compare_exchange_weak(at, start + n, std::memory_order_relaxed))
        return begin_ + start;
    }
  }
  void do_deallocate(void* p, std::size_t n, std::size_t align) override {
    const auto* c = static_cast<const unsigned char*>(p);
    if (c >= begin_ && c < begin_ + size_) return; // freed with the block
    heap_deallocate(p, n, align);
  }
  bool do_is_equal(const json::memory_resource& other) const noexcept override {
    return this == &other;
  }

  unsigned char* const begin_;
  const std::size_t size_;
  std::atomic<std::size_t> next_{0};
};

} // namespace

void compact(Entity& e) noexcept {
  // Reused by the next entity of the thread; grows for large entities, up to
  // a limit (beyond it the measuring copy takes heap memory it returns).
  constexpr std::size_t kMaxScratch = 1024 * 1024;
  thread_local std::vector<unsigned char> scratch;
  try {
    if (scratch.empty()) scratch.resize(64 * 1024);
    std::size_t size = 0;
    {
      Measure measure(scratch);
      json::object probe(e.attrs, json::storage_ptr(&measure));
      size = measure.used();
    }
    if (size > scratch.size() && size <= kMaxScratch) scratch.resize(size);
    if (size == 0) return; // no attributes: nothing allocated
    json::object packed(e.attrs, json::make_shared_resource<Block>(size));
    // Assignment would copy back into the old resource; the move constructor
    // (noexcept) takes the block along.
    std::destroy_at(&e.attrs);
    std::construct_at(&e.attrs, std::move(packed));
  } catch (const std::bad_alloc&) {
    // Out of memory: the entity stays as it was, which is just as correct.
  }
}

std::size_t compacted_bytes() { return g_block_bytes.load(std::memory_order_relaxed); }

} // namespace context
