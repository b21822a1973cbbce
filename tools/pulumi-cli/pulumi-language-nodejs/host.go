package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"

	"github.com/google/shlex"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// nodeLanguageHost implements pulumirpc.LanguageRuntimeServer for Node.js programs.
type nodeLanguageHost struct {
	// Everything we do not implement answers codes.Unimplemented, which the engine understands.
	pulumirpc.UnimplementedLanguageRuntimeServer

	tracing string
	root    string // value of the legacy -root flag, used only when a request carries no program info

	mu            sync.Mutex
	engineAddress string
	healthStarted bool

	// cancelCtx is cancelled by the Cancel RPC (or SIGINT); running programs are interrupted.
	cancelCtx context.Context
	cancel    context.CancelFunc
}

func newLanguageHost(engineAddress, tracing, root string) *nodeLanguageHost {
	ctx, cancel := context.WithCancel(context.Background())
	return &nodeLanguageHost{
		engineAddress: engineAddress,
		healthStarted: engineAddress != "", // main starts the health check for the address given on the command line
		tracing:       tracing,
		root:          root,
		cancelCtx:     ctx,
		cancel:        cancel,
	}
}

func (host *nodeLanguageHost) getEngineAddress() string {
	host.mu.Lock()
	defer host.mu.Unlock()
	return host.engineAddress
}

// nodeOptions are the `runtime.options` of a Pulumi.yaml with `runtime.name: nodejs`.
type nodeOptions struct {
	typescript     bool   // run TypeScript through ts-node (default true)
	tsconfigPath   string // tsconfig file to use instead of ./tsconfig.json
	nodeargs       string // extra arguments for the node executable
	packagemanager string // auto, npm, yarn, pnpm or bun
}

func parseOptions(info *pulumirpc.ProgramInfo) (nodeOptions, error) {
	opts := nodeOptions{typescript: true, packagemanager: "auto"}
	var raw map[string]any
	if info != nil && info.GetOptions() != nil {
		raw = info.GetOptions().AsMap()
	}
	if v, ok := raw["typescript"]; ok {
		b, ok := v.(bool)
		if !ok {
			return opts, errors.New("typescript option must be a boolean")
		}
		opts.typescript = b
	}
	if v, ok := raw["tsconfig"]; ok {
		s, ok := v.(string)
		if !ok {
			return opts, errors.New("tsconfig option must be a string")
		}
		opts.tsconfigPath = s
	}
	if v, ok := raw["nodeargs"]; ok {
		s, ok := v.(string)
		if !ok {
			return opts, errors.New("nodeargs option must be a string")
		}
		opts.nodeargs = s
	}
	if v, ok := raw["packagemanager"]; ok {
		s, ok := v.(string)
		if !ok {
			return opts, errors.New("packagemanager option must be a string")
		}
		switch s {
		case "auto", "npm", "yarn", "pnpm", "bun":
			opts.packagemanager = s
		default:
			return opts, fmt.Errorf("packagemanager option must be one of auto, npm, yarn, pnpm or bun, got %q", s)
		}
	}
	return opts, nil
}

// typescriptEnv returns the environment variables that tell @pulumi/pulumi/cmd/run how to handle TypeScript.
func (o nodeOptions) typescriptEnv() []string {
	var env []string
	if o.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if o.tsconfigPath != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+o.tsconfigPath)
	}
	return env
}

func (o nodeOptions) nodeArgs() ([]string, error) {
	args, err := shlex.Split(o.nodeargs)
	if err != nil {
		return nil, fmt.Errorf("invalid nodeargs option %q: %w", o.nodeargs, err)
	}
	return args, nil
}

// programInfo returns the request's program info, synthesising one from the deprecated fields if an older
// engine did not send it.
func (host *nodeLanguageHost) programInfo(info *pulumirpc.ProgramInfo, pwd, program string) *pulumirpc.ProgramInfo {
	if info != nil && info.GetProgramDirectory() != "" {
		return info
	}
	if pwd == "" {
		pwd, _ = os.Getwd()
	}
	if program == "" {
		program = "."
	}
	root := host.root
	if root == "" {
		root = pwd
	}
	var options *structpb.Struct
	if info != nil {
		options = info.GetOptions()
	}
	return &pulumirpc.ProgramInfo{
		RootDirectory:    root,
		ProgramDirectory: pwd,
		EntryPoint:       program,
		Options:          options,
	}
}

func findNode() (string, error) {
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return "", fmt.Errorf("could not find node on the $PATH: %w", err)
	}
	return nodeBin, nil
}

// locateModule resolves a module specifier (e.g. "@pulumi/pulumi/cmd/run") to a file using node's own
// module resolution, starting from dir, so that the program's own copy of @pulumi/pulumi is used.
func locateModule(ctx context.Context, nodeBin, dir, mod, installHint string) (string, error) {
	script := fmt.Sprintf(`try { console.log(require.resolve(%q)); } catch (e) { `+
		`if (e.code === "MODULE_NOT_FOUND") { console.error("It looks like the Pulumi SDK has not been installed. `+
		`Have you run %s?"); } else { console.error(e.message); } process.exit(1); }`, mod, installHint)
	cmd := exec.CommandContext(ctx, nodeBin, "-e", script)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && len(ee.Stderr) > 0 {
			return "", errors.New(strings.TrimSpace(string(ee.Stderr)))
		}
		return "", fmt.Errorf("could not resolve %s from %s: %w", mod, dir, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// Handshake is used when the engine attaches to an already running language host instead of launching it.
func (host *nodeLanguageHost) Handshake(ctx context.Context,
	req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	host.mu.Lock()
	defer host.mu.Unlock()
	if req.GetEngineAddress() != "" {
		host.engineAddress = req.GetEngineAddress()
	}
	if req.RootDirectory != nil && host.root == "" {
		host.root = req.GetRootDirectory()
	}
	if host.engineAddress != "" && !host.healthStarted {
		// If the engine goes away, stop any running program.
		if err := rpcutil.Healthcheck(host.cancelCtx, host.engineAddress, engineHealthInterval, host.cancel); err != nil {
			return nil, fmt.Errorf("could not start engine health check: %w", err)
		}
		host.healthStarted = true
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (host *nodeLanguageHost) GetPluginInfo(ctx context.Context, _ *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: pluginVersion()}, nil
}

// GetRequiredPackages deliberately reports no packages: the programs this host is built for only use
// dynamic providers (served by pulumi-resource-pulumi-nodejs from @pulumi/pulumi), so the engine must not
// try to install or download any plugin.
func (host *nodeLanguageHost) GetRequiredPackages(ctx context.Context,
	req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	logging.V(5).Infof("GetRequiredPackages(%s): reporting no packages", req.GetInfo().GetProgramDirectory())
	return &pulumirpc.GetRequiredPackagesResponse{Packages: []*pulumirpc.PackageDependency{}}, nil
}

// GetRequiredPlugins is the deprecated predecessor of GetRequiredPackages; same answer.
func (host *nodeLanguageHost) GetRequiredPlugins(ctx context.Context,
	req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: []*pulumirpc.PluginDependency{}}, nil
}

// Cancel asks any running program or plugin to stop (they receive SIGINT, then SIGKILL after a grace period).
func (host *nodeLanguageHost) Cancel(ctx context.Context, _ *emptypb.Empty) (*emptypb.Empty, error) {
	host.cancel()
	return &emptypb.Empty{}, nil
}

// RuntimeOptionsPrompts is used by `pulumi new`; we never need to ask anything.
func (host *nodeLanguageHost) RuntimeOptionsPrompts(ctx context.Context,
	req *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

// Template is called by `pulumi new` after a template was copied; there is nothing to adjust for Node.js.
func (host *nodeLanguageHost) Template(ctx context.Context,
	req *pulumirpc.TemplateRequest,
) (*pulumirpc.TemplateResponse, error) {
	return &pulumirpc.TemplateResponse{}, nil
}

func unimplemented(what string) error {
	return status.Errorf(codes.Unimplemented,
		"%s is not supported by this minimal pulumi-language-nodejs (see tools/pulumi-cli/README.md)", what)
}

func (host *nodeLanguageHost) GenerateProgram(context.Context,
	*pulumirpc.GenerateProgramRequest,
) (*pulumirpc.GenerateProgramResponse, error) {
	return nil, unimplemented("GenerateProgram")
}

func (host *nodeLanguageHost) GenerateProject(context.Context,
	*pulumirpc.GenerateProjectRequest,
) (*pulumirpc.GenerateProjectResponse, error) {
	return nil, unimplemented("GenerateProject")
}

func (host *nodeLanguageHost) GeneratePackage(context.Context,
	*pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	return nil, unimplemented("GeneratePackage")
}

func (host *nodeLanguageHost) Pack(context.Context, *pulumirpc.PackRequest) (*pulumirpc.PackResponse, error) {
	return nil, unimplemented("Pack")
}

func (host *nodeLanguageHost) Link(context.Context, *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	return nil, unimplemented("Link")
}
