package vsam.backend.javacpp.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Without a GPU: every kernel {@link Kernels} looks up is defined exactly once in the NVRTC source, and every
 * {@code extern "C"} kernel there is looked up, so a kernel added on one side only fails here, not on a
 * GPU machine at session start.
 */
class KernelSourceTest {

    @Test
    void theKernelNamesAndTheSourceAgree() {
        Matcher m = Pattern.compile("extern \"C\" __global__ void (\\w+)\\(").matcher(KernelSource.SOURCE);
        List<String> defined = new ArrayList<>();
        while (m.find()) {
            defined.add(m.group(1));
        }
        List<String> names = new ArrayList<>(Arrays.asList(KernelSource.NAMES));
        assertEquals(names.stream().distinct().count(), names.size(), "no name listed twice");
        assertEquals(defined.stream().distinct().count(), defined.size(), "no kernel defined twice");
        names.sort(null);
        defined.sort(null);
        assertEquals(names, defined);
    }
}
