// playground.h — the playground lesson's state: the student's 2-D points, the network and its
// training, and the commands the window sends to change them. Every change goes through apply(),
// so the window, the tests and the lesson file drive it the same way; every number it shows comes
// from the core (PlaygroundNet, PlaygroundTraining) that tests/core checks.
//
// Training runs in slices on the caller's thread (train_for): a few milliseconds of mini-batches per
// frame, so the window never waits and the same code serves a browser without threads. The
// networks are tiny (at most 4 × 8 units): a 2-8-8-2 network does thousands of batches a second.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/playground_net.h"
#include "core/point_set.h"

namespace neurostep {

// What a lesson file sets; Reset goes back to its network's initial weights, not to this.
struct PlaygroundSetup {
  PointSetOptions data;
  std::optional<PointSet> points;  // the points of a CSV file the lesson names, instead of `data`'s set
  PlaygroundNetSpec net;
  TrainSettings train;
  double speed = 10;  // epochs per second while playing (0: as fast as the time per frame allows)
};

// A unit flagged on the network graph, with its one-line reason.
struct UnitFlag {
  int layer = 0, unit = 0;
  enum class Kind { Saturated, Dead } kind = Kind::Saturated;
  std::string why;  // "tanh saturated: |z| > 2.5 for 83 % of the points — its gradient is almost 0"
};

// What the window asks for. One struct for every command: `kind` says which fields it reads.
struct PlaygroundCommand {
  enum class Kind {
    Generate,     // data: make the built-in set `data` (its formula may be wrong: error, nothing changes)
    AddPoint,     // x, y, label (or value for regression)
    MovePoint,    // index, x, y
    RemovePoint,  // index
    ClearPoints,
    ImportCsv,     // text, name (for the message): all the points or none
    SetTestRatio,  // value
    SetNetwork,    // net: a new shape or seed builds the network again from its seed
    SetTraining,   // train: keeps the weights
    Reset,         // the initial weights of the seed again, epoch 0
    StepBatch,
    StepEpoch,
    Play,
    Pause,
    SetWeight,    // layer, out, in (−1: the bias), value
    SelectPoint,  // index (−1: none): the point whose forward pass is explained
    SetPatience,  // index: stop playing when the test loss has not fallen for this many epochs (0: never)
    SetSpeed,     // value: epochs per second while playing (0: as fast as the time per frame allows)
  };
  Kind kind = Kind::StepBatch;
  PointSetOptions data;
  PlaygroundNetSpec net;
  TrainSettings train;
  double x = 0, y = 0, value = 0;
  int index = -1, label = 0, layer = 0, out = 0, in = 0;
  std::string text, name;
};

class Playground {
 public:
  explicit Playground(PlaygroundSetup setup);

  // Carries out one command; returns an error for the student ("points.csv: line 7: not a number:
  // \"abc\"", "column 6: missing )") with nothing changed, or "" when it worked.
  std::string apply(const PlaygroundCommand& command);
  // While playing, `dt` seconds after the last call: the mini-batches due at speed() epochs per
  // second, within at most `budget` seconds of work (a backlog that does not fit is dropped, so a
  // slow frame never makes the next ones slower). Returns the number done.
  int advance(double dt, double budget);

  const PointSet& points() const { return points_; }
  const PointSetOptions& data_options() const { return data_; }
  const PlaygroundTraining& training() const { return training_; }
  const PlaygroundNetSpec& net_spec() const { return training_.net().spec(); }
  const TrainSettings& train_settings() const { return training_.settings(); }
  bool playing() const { return playing_; }
  int patience() const { return patience_; }
  double speed() const { return speed_; }
  // Why playing stopped by itself (the stopping rule, no training points), or "".
  const std::string& stopped_because() const { return stopped_because_; }
  int selected_point() const { return selected_; }

  // What the window reads every frame is computed once per change and kept:
  // the output of every unit over the plane,
  const UnitGrid& grid(int resolution = 48) const;
  // the next mini-batch step, computed on a copy — what StepBatch will do, every number of it —
  const UpdateRecord& preview_next_batch() const;
  // The place (x, y) of the plane through the network: z and a of every unit.
  ForwardPass forward_at(double x, double y) const;
  // One point through the network: z, a of every unit, and δ of every unit for its own error.
  BackwardPass explain_point(int index) const;
  // the saturated and dead units, and how the network does on the training and the test points.
  const std::vector<UnitFlag>& unit_flags() const;
  const Evaluation& evaluate_training() const;
  const Evaluation& evaluate_test() const;

  // The trained weights: JSON (every layer's W and b with its shape and activation) and CSV
  // (layer,to,from,weight; from = "bias" for biases).
  std::string weights_json() const;
  std::string weights_csv() const;

 private:
  std::string change_points(const PlaygroundCommand& command);
  std::string change_network(PlaygroundNetSpec spec);
  std::string step(PlaygroundCommand::Kind kind);
  void check_stopping_rule();

  PointSetOptions data_;
  PointSet points_;
  mutable PlaygroundTraining training_;  // evaluation runs forward passes, which cache inputs
  bool playing_ = false;
  int patience_ = 0;
  double speed_ = 10;  // epochs per second
  double due_ = 0;     // mini-batches due and not yet done (a fraction carries to the next frame)
  std::string stopped_because_;
  int selected_ = -1;
  std::uint64_t version_ = 1;  // bumped by every command and every slice of training: derived_ is then dropped
  struct Derived {             // each computed when first asked for after a change
    std::uint64_t version = 0;
    std::optional<UnitGrid> grid;
    std::optional<UpdateRecord> next;
    std::optional<std::vector<UnitFlag>> flags;
    std::optional<Evaluation> train, test;
  };
  Derived& derived() const;  // the values of this version (the old ones dropped after a change)
  std::vector<UnitFlag> find_unit_flags() const;
  mutable Derived derived_;
};

}  // namespace neurostep
