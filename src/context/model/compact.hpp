// Compact storage for entities of the broker's index. An indexed entity is
// never changed again (a write works on a copy), so its attributes can live
// in one block of exactly the size they need instead of one heap allocation
// per JSON object, array, key and long string: less malloc overhead, no
// fragmentation, and the block goes back to the allocator in one piece.
#pragma once

#include <boost/json/storage_ptr.hpp>

#include <cstddef>

#include "context/model/entity.hpp"

namespace context {

// Moves the entity's attributes into one block sized to fit. The result
// compares and renders exactly like before. Copies taken later (of the
// entity, or of any JSON value inside it) work as usual: what they allocate
// goes to the heap, and the block stays alive as long as anything refers to
// it. Thread-safe for different entities; the entity must not be read
// concurrently while it is compacted (call it before publishing it). When
// memory runs out the entity stays as it was.
void compact(Entity& e) noexcept;

// The bytes all compacted entities of the process hold in their blocks
// (for tests and measurements).
std::size_t compacted_bytes();

} // namespace context
