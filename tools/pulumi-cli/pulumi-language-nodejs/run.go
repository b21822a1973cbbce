package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

const (
	// The script that hosts a Pulumi program inside node; resolved from the program directory.
	// PULUMI_LANGUAGE_NODEJS_RUN_PATH overrides it (as in the official host).
	defaultRunPath = "@pulumi/pulumi/cmd/run"
	// The script that hosts a Node.js based plugin (PulumiPlugin.yaml with `runtime: nodejs`).
	defaultRunPluginPath = "@pulumi/pulumi/cmd/run-plugin"

	// Environment variables read by the Node.js SDK (sdk/nodejs/runtime/config.ts).
	pulumiConfigVar           = "PULUMI_CONFIG"
	pulumiConfigSecretKeysVar = "PULUMI_CONFIG_SECRET_KEYS" //nolint:gosec // not a credential

	// Exit code used by @pulumi/pulumi/cmd/run when it has already logged an actionable error to the user
	// (through the engine). The engine is then told to "bail": fail without printing anything more.
	nodeJSProcessExitedAfterShowingUserActionableMessage = 32

	// How long a program gets to exit after SIGINT before it is killed.
	interruptGracePeriod = 5 * time.Second
)

// Run executes the user's program: it launches node on @pulumi/pulumi/cmd/run, which connects back to the
// engine's resource monitor, and waits for it to exit.
func (host *nodeLanguageHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := host.programInfo(req.GetInfo(), req.GetPwd(), req.GetProgram()) //nolint:staticcheck // fallback
	fail := func(err error) (*pulumirpc.RunResponse, error) {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	if req.GetAttachDebugger() {
		return fail(errors.New("attaching a debugger is not supported by this pulumi-language-nodejs"))
	}
	opts, err := parseOptions(info)
	if err != nil {
		return fail(err)
	}
	nodeArgs, err := opts.nodeArgs()
	if err != nil {
		return fail(err)
	}
	nodeBin, err := findNode()
	if err != nil {
		return fail(err)
	}
	runPath := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH")
	if runPath == "" {
		runPath = defaultRunPath
	}
	runPath, err = locateModule(ctx, nodeBin, info.GetProgramDirectory(), runPath, "pulumi install")
	if err != nil {
		return fail(err)
	}

	configJSON, err := constructConfig(req.GetConfig())
	if err != nil {
		return fail(fmt.Errorf("failed to serialize configuration: %w", err))
	}
	secretKeysJSON, err := constructConfigSecretKeys(req.GetConfigSecretKeys())
	if err != nil {
		return fail(fmt.Errorf("failed to serialize configuration secret keys: %w", err))
	}

	args := append(nodeArgs, runPath)
	args = append(args, host.runArguments(req, info)...)

	env := os.Environ()
	env = append(env, pulumiConfigVar+"="+configJSON, pulumiConfigSecretKeysVar+"="+secretKeysJSON)
	env = append(env, opts.typescriptEnv()...)

	// Interrupt the program if the engine cancels us (Cancel RPC / SIGINT) or abandons the Run call.
	cmdCtx, cmdCancel := context.WithCancel(host.cancelCtx)
	defer cmdCancel()
	stopAfter := context.AfterFunc(ctx, cmdCancel)
	defer stopAfter()

	cmd := exec.CommandContext(cmdCtx, nodeBin, args...)
	cmd.Cancel = func() error {
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			return cmd.Process.Kill()
		}
		return nil
	}
	cmd.WaitDelay = interruptGracePeriod
	cmd.Dir = info.GetProgramDirectory()
	cmd.Env = env
	// Node may switch its stdio to non-blocking mode; never hand it our own file descriptors, copy instead.
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	oom := &oomSniffer{w: os.Stderr}
	cmd.Stderr = oom

	logging.V(5).Infof("Language host launching process: %s %s", nodeBin, strings.Join(args, " "))

	err = cmd.Run()
	// Node does not always flush process.stdout/stderr writes synchronously; make sure the engine gets everything.
	_ = os.Stdout.Sync()
	_ = os.Stderr.Sync()
	if err == nil {
		return &pulumirpc.RunResponse{}, nil
	}

	var exitErr *exec.ExitError
	switch {
	case host.cancelCtx.Err() != nil:
		return fail(errors.New("program was cancelled"))
	case errors.As(err, &exitErr):
		code := exitErr.ExitCode()
		switch code {
		case nodeJSProcessExitedAfterShowingUserActionableMessage:
			// The SDK already reported the error through the engine; tell the engine to stop quietly.
			return &pulumirpc.RunResponse{Bail: true}, nil
		case 0:
			return fail(fmt.Errorf("Program exited unexpectedly: %w", exitErr))
		default:
			msg := fmt.Sprintf("Program exited with non-zero exit code: %d", code)
			if oom.detected() {
				msg += ". Detected a possible out of memory error. Consider increasing the memory available to " +
					"the nodejs process by setting the `nodeargs` runtime option in Pulumi.yaml to " +
					"`nodeargs: --max-old-space-size=<size>`"
			}
			return fail(errors.New(msg))
		}
	default:
		// We did not even manage to run node.
		return fail(fmt.Errorf("Problem executing program (could not run language executor): %w", err))
	}
}

// runArguments builds the command line understood by @pulumi/pulumi/cmd/run (see its usage() text):
// flags first, then the program to run, then the program's own arguments.
func (host *nodeLanguageHost) runArguments(req *pulumirpc.RunRequest, info *pulumirpc.ProgramInfo) []string {
	var args []string
	add := func(flag, value string) {
		if value != "" {
			args = append(args, "--"+flag, value)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", host.getEngineAddress())
	add("organization", req.GetOrganization())
	add("project", req.GetProject())
	add("root-directory", info.GetRootDirectory())
	add("stack", req.GetStack())
	add("pwd", info.GetProgramDirectory())
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	add("parallel", strconv.Itoa(int(req.GetParallel())))
	add("tracing", host.tracing)

	entry := info.GetEntryPoint()
	if entry == "" {
		entry = "." // node then loads the package's main module (index.js/index.ts or package.json "main")
	}
	args = append(args, entry)
	return append(args, req.GetArgs()...)
}

// constructConfig serializes the stack configuration for PULUMI_CONFIG. Keys are sent in the legacy
// "<namespace>:config:<name>" form, which every version of @pulumi/pulumi understands (as the official host does).
func constructConfig(cfg map[string]string) (string, error) {
	out := make(map[string]string, len(cfg))
	for k, v := range cfg {
		key, err := config.ParseKey(k)
		if err != nil {
			return "", err
		}
		out[key.Namespace()+":config:"+key.Name()] = v
	}
	b, err := json.Marshal(out)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// constructConfigSecretKeys serializes the list of secret config keys for PULUMI_CONFIG_SECRET_KEYS.
func constructConfigSecretKeys(keys []string) (string, error) {
	if keys == nil {
		keys = []string{}
	}
	b, err := json.Marshal(keys)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// oomSniffer passes everything through to w while watching for node's out-of-memory diagnostics.
type oomSniffer struct {
	w    io.Writer
	mu   sync.Mutex
	tail []byte
	oom  bool
}

var oomMarkers = [][]byte{
	[]byte("<--- Last few GCs --->"),
	[]byte("JavaScript heap out of memory"),
	[]byte("Check failed: needs_context && current_scope_ == closure_scope_"),
}

func (o *oomSniffer) Write(p []byte) (int, error) {
	o.mu.Lock()
	if !o.oom {
		// Keep a little of the previous chunk so markers split across writes are still seen.
		buf := append(o.tail, p...)
		for _, m := range oomMarkers {
			if bytes.Contains(buf, m) {
				o.oom = true
				break
			}
		}
		const keep = 128
		if len(buf) > keep {
			buf = buf[len(buf)-keep:]
		}
		o.tail = append(o.tail[:0], buf...)
	}
	o.mu.Unlock()
	return o.w.Write(p)
}

func (o *oomSniffer) detected() bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.oom
}

// RunPlugin runs a plugin written in Node.js (a directory with a PulumiPlugin.yaml whose runtime is nodejs)
// through @pulumi/pulumi/cmd/run-plugin, streaming its output back to the engine. Policy packs (kind
// "analyzer") are not supported.
func (host *nodeLanguageHost) RunPlugin(
	req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer,
) error {
	if req.GetKind() == "analyzer" {
		return unimplemented("running policy packs")
	}
	if req.GetAttachDebugger() {
		return errors.New("attaching a debugger is not supported by this pulumi-language-nodejs")
	}
	ctx := server.Context()
	info := host.programInfo(req.GetInfo(), req.GetPwd(), "")

	opts, err := parseOptions(info)
	if err != nil {
		return err
	}
	nodeArgs, err := opts.nodeArgs()
	if err != nil {
		return err
	}
	nodeBin, err := findNode()
	if err != nil {
		return err
	}
	runPath := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH")
	if runPath == "" {
		runPath = defaultRunPluginPath
	}
	runPath, err = locateModule(ctx, nodeBin, info.GetProgramDirectory(), runPath,
		"npm install in "+info.GetProgramDirectory())
	if err != nil {
		return err
	}

	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()

	args := append(nodeArgs, runPath, info.GetProgramDirectory())
	args = append(args, req.GetArgs()...)

	env := req.GetEnv()
	if len(env) == 0 {
		env = os.Environ()
	}
	env = append(env, opts.typescriptEnv()...)

	cmdCtx, cmdCancel := context.WithCancel(host.cancelCtx)
	defer cmdCancel()
	stopAfter := context.AfterFunc(ctx, cmdCancel)
	defer stopAfter()

	cmd := exec.CommandContext(cmdCtx, nodeBin, args...)
	cmd.Cancel = func() error {
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			return cmd.Process.Kill()
		}
		return nil
	}
	cmd.WaitDelay = interruptGracePeriod
	cmd.Dir = req.GetPwd()
	cmd.Env = env
	cmd.Stdout = stdout
	cmd.Stderr = stderr

	logging.V(5).Infof("Language host launching plugin: %s %s", nodeBin, strings.Join(args, " "))
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return fmt.Errorf("Program exited with non-zero exit code: %d", exitErr.ExitCode())
		}
		return fmt.Errorf("Problem executing plugin program (could not run language executor): %w", err)
	}
	return closer.Close()
}
