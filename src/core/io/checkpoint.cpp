#include "core/io/checkpoint.h"

#include <fmt/format.h>
#include <zlib.h>

#include <cstring>
#include <fstream>
#include <iterator>

#include "core/io/atomic_file.h"
#include "core/model_spec.h"

namespace neurostep {

namespace {

constexpr char kMagic[8] = {'N', 'S', 'T', 'E', 'P', 'C', 'K', 'P'};
constexpr std::uint32_t kVersion = 1;
constexpr std::uint64_t kMaxBytes = std::uint64_t(1) << 30;

std::vector<Tensor<float>*> tensors_of(Sequential<float>& model) {
  std::vector<Tensor<float>*> out;
  for (std::size_t i = 0; i < model.size(); ++i) {
    for (auto& p : model.layer(i).params()) out.push_back(p.value);
    for (auto& b : model.layer(i).buffers()) out.push_back(b.value);
  }
  return out;
}

template <typename U>
void put(std::string& out, U v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

}  // namespace

void save_checkpoint(Sequential<float>& model, const std::filesystem::path& path) {
  std::string out(kMagic, sizeof kMagic);
  put(out, kVersion);
  const std::string arch = architecture_signature(model);
  put(out, static_cast<std::uint32_t>(arch.size()));
  out += arch;
  std::uint64_t count = 0;
  const auto tensors = tensors_of(model);
  for (auto* t : tensors) count += t->size();
  put(out, count);
  for (auto* t : tensors) out.append(reinterpret_cast<const char*>(t->data()), t->size() * sizeof(float));
  put(out,
      static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(out.data()), static_cast<uInt>(out.size()))));
  write_file_atomically(path, out);
}

namespace {
// Reads and verifies a whole checkpoint file: magic, version, checksum. Returns its bytes and the
// position after the version.
std::string read_verified(const std::filesystem::path& path, std::size_t& at) {
  const std::string name = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CheckpointError(name + ": cannot open the checkpoint");
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::uint64_t>(std::max<std::streamoff>(0, in.tellg()));
  if (size > kMaxBytes) throw CheckpointError(fmt::format("{}: {} bytes is too large for a checkpoint", name, size));
  in.seekg(0);
  std::string bytes(std::istreambuf_iterator<char>(in), {});
  if (bytes.size() < sizeof kMagic + 8) throw CheckpointError(name + ": truncated: the file ends inside the header");
  if (std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
    throw CheckpointError(name + ": not a Neurostep checkpoint");
  std::uint32_t version = 0;
  std::memcpy(&version, bytes.data() + sizeof kMagic, sizeof version);
  if (version != kVersion)
    throw CheckpointError(fmt::format("{}: checkpoint format version {} is not supported (this build reads version {})",
                                      name, version, kVersion));
  std::uint32_t stored_crc = 0;
  std::memcpy(&stored_crc, bytes.data() + bytes.size() - 4, 4);
  const auto crc = static_cast<std::uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size() - 4)));
  if (crc != stored_crc)
    throw CheckpointError(name + ": the checksum does not match: the file is corrupt or truncated");
  at = sizeof kMagic + sizeof version;
  return bytes;
}

std::string read_architecture(const std::string& bytes, std::size_t& at, const std::string& name) {
  std::uint32_t arch_size = 0;
  if (bytes.size() - at < sizeof arch_size + 4)
    throw CheckpointError(name + ": truncated: the file ends inside the architecture");
  std::memcpy(&arch_size, bytes.data() + at, sizeof arch_size);
  at += sizeof arch_size;
  if (arch_size > bytes.size() - at - 4)
    throw CheckpointError(name + ": truncated: the file ends inside the architecture");
  std::string arch = bytes.substr(at, arch_size);
  at += arch_size;
  return arch;
}
}  // namespace

std::string checkpoint_architecture(const std::filesystem::path& path) {
  std::size_t at = 0;
  const std::string bytes = read_verified(path, at);
  return read_architecture(bytes, at, path.string());
}

void load_checkpoint(Sequential<float>& model, const std::filesystem::path& path) {
  const std::string name = path.string();
  std::size_t at = 0;
  const std::string bytes = read_verified(path, at);
  const std::string arch = read_architecture(bytes, at, name);
  if (arch != architecture_signature(model))
    throw CheckpointError(fmt::format("{}: the checkpoint holds another architecture:\n{}this model is:\n{}", name,
                                      arch, architecture_signature(model)));
  std::uint64_t count = 0;
  if (bytes.size() - at < sizeof count + 4)
    throw CheckpointError(name + ": truncated: the file ends inside the parameter count");
  std::memcpy(&count, bytes.data() + at, sizeof count);
  at += sizeof count;
  const auto tensors = tensors_of(model);
  std::uint64_t expected = 0;
  for (auto* t : tensors) expected += t->size();
  if (count != expected || bytes.size() - at - 4 != count * sizeof(float))
    throw CheckpointError(fmt::format("{}: holds {} numbers, the model needs {}", name, count, expected));
  std::vector<float> values(count);  // read everything first: a bad file leaves the model untouched
  std::memcpy(values.data(), bytes.data() + at, count * sizeof(float));
  std::size_t k = 0;
  for (auto* t : tensors) {
    std::copy(values.begin() + static_cast<std::ptrdiff_t>(k),
              values.begin() + static_cast<std::ptrdiff_t>(k + t->size()), t->data());
    k += t->size();
  }
}

}  // namespace neurostep
