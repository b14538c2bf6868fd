package vsam.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vsam.algorithm.train.Trainer;

/** docs/ARCHITECTURE.md: the algorithm module requires vsam.api only — never a backend, DJL, JavaCPP or JavaFX. */
class ModuleBoundaryTest {

    @Test
    void algorithmRequiresOnlyTheApi() {
        ModuleDescriptor descriptor = Trainer.class.getModule().getDescriptor();
        Set<String> requires = descriptor.requires().stream().map(ModuleDescriptor.Requires::name)
                .filter(n -> !n.equals("java.base")).collect(Collectors.toSet());
        assertEquals(Set.of("vsam.api"), requires);
    }

    @Test
    void apiRequiresNothingButTheJdkBase() {
        ModuleDescriptor descriptor = vsam.api.TensorBackend.class.getModule().getDescriptor();
        Set<String> requires = descriptor.requires().stream().map(ModuleDescriptor.Requires::name)
                .filter(n -> !n.equals("java.base")).collect(Collectors.toSet());
        assertEquals(Set.of(), requires);
    }
}
