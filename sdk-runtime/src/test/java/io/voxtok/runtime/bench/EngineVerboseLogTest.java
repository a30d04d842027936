package io.voxtok.runtime.bench;

import io.voxtok.nn.profile.ComputeOp;
import io.voxtok.nn.profile.Conv1dOp;
import io.voxtok.nn.profile.LstmOp;
import io.voxtok.nn.profile.MatmulOp;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** oneDNN and MKL verbose lines as libtorch 2.7.1's libraries print them (captured on this machine). */
class EngineVerboseLogTest {
    private static final String OUTPUT = """
            [main] INFO ai.djl.pytorch.engine.PtEngine - Number of intra-op threads is 2
            onednn_verbose,v1,info,oneDNN v3.7.1 (commit 8d263e693366ef8db40acc569cc7d8edf644556d)
            onednn_verbose,v1,info,cpu,runtime:OpenMP,nthr:2
            onednn_verbose,v1,info,cpu,isa:Intel AVX-512 with Intel DL Boost and bfloat16 support
            onednn_verbose,v1,info,gpu,runtime:none
            onednn_verbose,v1,primitive,info,template:operation,engine,primitive,implementation,prop_kind
            onednn_verbose,v1,primitive,exec,cpu,reorder,jit:blk,undef,src:f32::blocked:abcd::f0 dst:f32::blocked:aBcd16b::f0,attr-scratchpad:user,,1x64x1x16002,3.59595
            onednn_verbose,v1,primitive,exec,cpu,convolution,jit:avx512_core,forward_training,src:f32:a:blocked:aBcd16b::f0,attr-scratchpad:user,alg:convolution_direct,mb1_ic64oc32_ih1oh1kh1sh1dh0ph0_iw16002ow16000kw3sw1dw0pw0,13.0388
            onednn_verbose,v1,primitive,exec,cpu,convolution,jit:avx512_core,forward_training,src:f32:a:blocked:aBcd16b::f0,attr-scratchpad:user,alg:convolution_direct,mb1_ic64oc32_ih1oh1kh1sh1dh0ph0_iw16002ow16000kw3sw1dw0pw0,9.5
            MKL_VERBOSE oneMKL 2024.0 Update 2 Product build 20240605 for Intel(R) 64 architecture Intel(R) Architecture processors, Lnx 2.60GHz lp64 gnu_thread
            MKL_VERBOSE SGEMM(N,N,4096,500,1024,0x7fbcf511d2e0,0x7fbc6c02b040,4096,0x7fbcf389ea40,1024,0x7fbcf511d300,0x7fbc3222f040,4096) 237.89ms CNR:OFF Dyn:0 FastMM:1 TID:0  NThr:2
            dnnl_verbose,exec,cpu,rnn,brgemm:avx512_core,forward_inference,src_layer:f32,,l1t500mb1sic1024slc1024dhc1024dic1024,338.5
            """;

    @Test
    void readsVersionsIsaKernelsAndCalls() {
        EngineVerboseLog log = EngineVerboseLog.parse(OUTPUT);
        assertEquals("3.7.1 (commit 8d263e693366ef8db40acc569cc7d8edf644556d)", log.oneDnnVersion());
        assertEquals("OpenMP, nthr 2", log.oneDnnRuntime());
        assertEquals("Intel AVX-512 with Intel DL Boost and bfloat16 support", log.oneDnnIsa());
        assertEquals("oneMKL 2024.0 Update 2 Product build 20240605 for Intel(R) 64 architecture Intel(R) "
                + "Architecture processors, Lnx 2.60GHz lp64 gnu_thread", log.mklBuild());
        assertEquals(List.of("reorder jit:blk 1x64x1x16002",
                "convolution jit:avx512_core mb1_ic64oc32_ih1oh1kh1sh1dh0ph0_iw16002ow16000kw3sw1dw0pw0",
                "rnn brgemm:avx512_core l1t500mb1sic1024slc1024dhc1024dic1024"), List.copyOf(log.primitives().keySet()));
        assertEquals(9.5, log.primitives().get(
                "convolution jit:avx512_core mb1_ic64oc32_ih1oh1kh1sh1dh0ph0_iw16002ow16000kw3sw1dw0pw0"), 0.0,
                "the last run of a primitive is kept");
        assertEquals("237.89ms, NThr:2", log.mklCalls().get("SGEMM(N,N,4096,500,1024,4096,1024,4096)"));
    }

    @Test
    void emptyOutputGivesEmptyFields() {
        EngineVerboseLog log = EngineVerboseLog.parse("nothing here\n");
        assertEquals("", log.oneDnnVersion());
        assertEquals("", log.mklBuild());
        assertEquals(0, log.primitives().size());
    }

    @Test
    void primitiveSpecsSurviveTheCommandLine() {
        for (ComputeOp op : List.of(new Conv1dOp(1, 64, 32, 3, 1, 2, 16000), new MatmulOp(500, 1024, 4096),
                new LstmOp(500, 1, 2048, 1024, true))) {
            assertEquals(op, EngineVerboseProbe.parseSpec(EngineVerboseProbe.spec(op)));
        }
        assertEquals("conv:1,64,32,3,1,2,16000", EngineVerboseProbe.spec(new Conv1dOp(1, 64, 32, 3, 1, 2, 16000)));
        assertThrows(IllegalArgumentException.class, () -> EngineVerboseProbe.parseSpec("fft:1,2"));
    }
}
