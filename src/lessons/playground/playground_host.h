// playground_host.h — the capability of a lesson that holds a Playground (its points, network and
// training), which the window's Playground tab drives with commands. A lesson class derives from
// PlaygroundHost; playground_of(lesson) finds it (knowing Lesson only through its offers<C>()).
#pragma once

#include "lessons/playground/playground.h"

namespace neurostep {

class PlaygroundHost {
 public:
  virtual ~PlaygroundHost() = default;
  virtual Playground& playground() = 0;
  const Playground& playground() const { return const_cast<PlaygroundHost*>(this)->playground(); }
};

// The lesson's playground, or nullptr for every other lesson.
template <typename L>
Playground* playground_of(L& lesson) {
  PlaygroundHost* host = lesson.template offers<PlaygroundHost>();
  return host ? &host->playground() : nullptr;
}
template <typename L>
const Playground* playground_of(const L& lesson) {
  const PlaygroundHost* host = lesson.template offers<PlaygroundHost>();
  return host ? &host->playground() : nullptr;
}

}  // namespace neurostep
