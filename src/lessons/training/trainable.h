// trainable.h — the capability of a lesson whose models a student can train: the window then
// offers its Train tab, and `--train`/`--load` accept it. A lesson class derives from Trainable;
// trainable_models(lesson) finds what it offers (knowing Lesson only through its offers<C>()).
#pragma once

#include "lessons/training/mnist_models.h"

namespace neurostep {

class Trainable {
 public:
  virtual ~Trainable() = default;
  // The models to train; nullptr when the lesson's file lists none (it is a worked example then).
  virtual const MnistModels* trainable_models() const = 0;
  // Whether step i of the trace shows trainable model i (the MNIST lesson): the window then keeps
  // the step shown and the Train tab's model together.
  virtual bool one_step_per_model() const { return false; }
};

// The models a lesson offers for training, or nullptr (a worked example).
template <typename L>
const MnistModels* trainable_models(const L& lesson) {
  const Trainable* t = lesson.template offers<Trainable>();
  return t ? t->trainable_models() : nullptr;
}

// Whether the lesson shows one trainable model per step (see Trainable::one_step_per_model).
template <typename L>
bool one_step_per_model(const L& lesson) {
  const Trainable* t = lesson.template offers<Trainable>();
  return t && t->one_step_per_model();
}

}  // namespace neurostep
