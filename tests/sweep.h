// sweep.h — how many variants (or training images) a long test goes through. The normal build takes
// them all; the sanitizer build (scripts/test.sh --sanitize), which runs the same code about five
// times slower to find memory errors and undefined behaviour, the first fifth: the same code paths,
// fewer numbers.
#pragma once

#include <cstdint>

namespace neurostep::test {

#ifdef NEUROSTEP_SANITIZED
constexpr std::uint64_t sweep(std::uint64_t n) { return n / 5 > 0 ? n / 5 : 1; }
#else
constexpr std::uint64_t sweep(std::uint64_t n) { return n; }
#endif

}  // namespace neurostep::test
