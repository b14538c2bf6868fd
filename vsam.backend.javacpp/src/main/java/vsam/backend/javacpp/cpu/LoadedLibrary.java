package vsam.backend.javacpp.cpu;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * A shared library mapped into this process (Linux, 64-bit little-endian ELF), as {@code /proc/self/maps}
 * lists it, read from its file: where one of its exported functions is in this process ({@code load
 * bias + st_value} from {@code .dynsym}), and where a function it imports was bound (the value the
 * dynamic linker wrote into its relocation slot).
 *
 * <p>Why: two copies of a library can export the same names (oneDNN's OpenMP runtime and the renamed
 * copy libtorch ships), and which one a library calls depends on load order and scopes; a lookup by
 * name answers for the process, not for the library. See {@link OmpThreads}.
 */
final class LoadedLibrary {

    private static final int PT_LOAD = 1;
    private static final int SHT_RELA = 4;
    private static final int SHT_DYNSYM = 11;
    private static final int R_X86_64_GLOB_DAT = 6;
    private static final int R_X86_64_JUMP_SLOT = 7;
    private static final long PAGE_MASK = ~0xfffL;

    private final String file;
    private final List<String[]> mappings;
    private final ByteBuffer elf;

    private LoadedLibrary(String file, List<String[]> all) throws IOException {
        this.file = file;
        this.mappings = all.stream().filter(m -> m.length >= 6 && m[5].equals(file)).toList();
        try (FileChannel channel = FileChannel.open(Path.of(file), StandardOpenOption.READ)) {
            elf = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()).order(ByteOrder.LITTLE_ENDIAN);
        }
        if (elf.getInt(0) != 0x464c457f || elf.get(4) != 2 || elf.get(5) != 1) {
            throw new IOException(file + " is not a 64-bit little-endian ELF file");
        }
    }

    /** The mapped library whose path ends with {@code suffix}, if any. */
    static Optional<LoadedLibrary> find(String suffix) throws IOException {
        List<String[]> all = maps();
        for (String[] m : all) {
            if (m.length >= 6 && m[5].endsWith(suffix)) {
                return Optional.of(new LoadedLibrary(m[5], all));
            }
        }
        return Optional.empty();
    }

    /** The path of the mapped file that contains {@code address}, if any. */
    static Optional<String> pathContaining(long address) throws IOException {
        return pathContaining(address, maps());
    }

    private static Optional<String> pathContaining(long address, List<String[]> all) {
        for (String[] m : all) {
            String[] range = m[0].split("-");
            long from = Long.parseUnsignedLong(range[0], 16);
            long to = Long.parseUnsignedLong(range[1], 16);
            if (m.length >= 6 && Long.compareUnsigned(address, from) >= 0 && Long.compareUnsigned(address, to) < 0) {
                return Optional.of(m[5]);
            }
        }
        return Optional.empty();
    }

    /** The mapped library that contains {@code address}. */
    static LoadedLibrary containing(long address) throws IOException {
        List<String[]> all = maps();
        String path = pathContaining(address, all)
                .orElseThrow(() -> new IOException("no mapped file contains 0x" + Long.toHexString(address)));
        return new LoadedLibrary(path, all);
    }

    private static List<String[]> maps() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream().map(l -> l.trim().split("\\s+", 6)).toList();
    }

    /** The address of the function {@code name} that this library defines. */
    long exported(String name) throws IOException {
        int section = section(SHT_DYNSYM);
        int symbol = symbolIndex(section, name, true);
        return bias() + elf.getLong(symbolAt(section, symbol) + 8);
    }

    /** The address the dynamic linker bound this library's import of {@code name} to (0 while unbound). */
    long boundImport(String name) throws IOException {
        int symbol = symbolIndex(section(SHT_DYNSYM), name, false);
        for (int i = 0; i < sectionCount(); i++) {
            int rela = sectionHeader(i);
            if (elf.getInt(rela + 4) != SHT_RELA) {
                continue;
            }
            long from = elf.getLong(rela + 0x18);
            long size = elf.getLong(rela + 0x20);
            for (long r = from; r < from + size; r += 24) {
                long info = elf.getLong((int) r + 8);
                int type = (int) info;
                if ((info >>> 32) == symbol && (type == R_X86_64_JUMP_SLOT || type == R_X86_64_GLOB_DAT)) {
                    try (LongPointer slot = new LongPointer(new Address(bias() + elf.getLong((int) r)))) {
                        return slot.get(0);
                    }
                }
            }
        }
        throw new IOException(file + " has no relocation for " + name);
    }

    /** Where the file's virtual address 0 lies in this process, from its first loadable segment's mapping. */
    private long bias() throws IOException {
        long phoff = elf.getLong(0x20);
        int phentsize = Short.toUnsignedInt(elf.getShort(0x36));
        int phnum = Short.toUnsignedInt(elf.getShort(0x38));
        for (int i = 0; i < phnum; i++) {
            int at = (int) (phoff + (long) i * phentsize);
            if (elf.getInt(at) == PT_LOAD) {
                long offset = elf.getLong(at + 8) & PAGE_MASK;
                long vaddr = elf.getLong(at + 16) & PAGE_MASK;
                for (String[] m : mappings) {
                    if (Long.parseUnsignedLong(m[2], 16) == offset) {
                        return Long.parseUnsignedLong(m[0].split("-")[0], 16) - vaddr;
                    }
                }
                throw new IOException("no mapping of " + file + " at file offset " + offset);
            }
        }
        throw new IOException(file + " has no loadable segment");
    }

    private int sectionCount() {
        return Short.toUnsignedInt(elf.getShort(0x3c));
    }

    /** The file offset of section header {@code index}. */
    private int sectionHeader(int index) {
        return (int) (elf.getLong(0x28) + (long) index * Short.toUnsignedInt(elf.getShort(0x3a)));
    }

    /** The file offset of the first section header of {@code type}. */
    private int section(int type) throws IOException {
        for (int i = 0; i < sectionCount(); i++) {
            if (elf.getInt(sectionHeader(i) + 4) == type) {
                return sectionHeader(i);
            }
        }
        throw new IOException(file + " has no section of type " + type);
    }

    private int symbolAt(int section, int index) {
        return (int) (elf.getLong(section + 0x18) + (long) index * elf.getLong(section + 0x38));
    }

    /** The index of symbol {@code name} in the symbol table {@code section}: a definition or an import. */
    private int symbolIndex(int section, String name, boolean defined) throws IOException {
        long names = elf.getLong(sectionHeader(elf.getInt(section + 0x28)) + 0x18);
        byte[] wanted = name.getBytes(StandardCharsets.US_ASCII);
        int count = (int) (elf.getLong(section + 0x20) / elf.getLong(section + 0x38));
        for (int i = 1; i < count; i++) {
            int s = symbolAt(section, i);
            boolean isDefined = elf.getShort(s + 6) != 0;
            if (isDefined == defined && matches((int) (names + Integer.toUnsignedLong(elf.getInt(s))), wanted)) {
                return i;
            }
        }
        throw new IOException(file + (defined ? " defines no " : " imports no ") + name);
    }

    private boolean matches(int at, byte[] wanted) {
        for (int i = 0; i < wanted.length; i++) {
            if (elf.get(at + i) != wanted[i]) {
                return false;
            }
        }
        return elf.get(at + wanted.length) == 0;
    }

    /** A pointer to a given address, owning nothing. */
    static final class Address extends Pointer {
        Address(long address) {
            this.address = address;
        }
    }
}
