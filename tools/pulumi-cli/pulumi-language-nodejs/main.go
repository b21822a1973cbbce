// Command pulumi-language-nodejs is a small, self-contained Node.js language
// host for the Pulumi CLI.
//
// # Why this exists
//
// The Pulumi CLI does not run Node.js programs itself: it launches a
// "language host" plugin (an executable called pulumi-language-nodejs found
// next to the CLI or on $PATH) and talks to it over gRPC. In this environment
// the only way to obtain binaries is to build them from the Go module proxy,
// and the proxy refuses the official module
// github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3
// ("403 This module version is not available"). The CLI itself
// (github.com/pulumi/pulumi/pkg/v3/cmd/pulumi) builds fine, so this package
// provides our own implementation of the language host, written against the
// public gRPC contract in github.com/pulumi/pulumi/sdk/v3/proto/go
// (pulumirpc.LanguageRuntimeServer) and mirroring the behaviour of the
// official host for everything a normal `pulumi up/preview/refresh/destroy`
// (CLI or Automation API) needs.
//
// What it implements
//
//   - Process protocol: the engine starts us as
//     `pulumi-language-nodejs [--logtostderr] [-v=N] [--tracing URL] <engine-address>`;
//     we listen on a kernel-chosen 127.0.0.1 port and print that port (and a
//     newline) on stdout, then serve until interrupted. We health-check the
//     engine and shut down if it goes away.
//   - Run: spawns `node [nodeargs] <@pulumi/pulumi/cmd/run> --monitor ...
//     --engine ... --organization ... --project ... --root-directory ...
//     --stack ... --pwd ... [--dry-run] --parallel N [--tracing URL]
//     <entry-point> [args...]`, resolving the run script from the program
//     directory with node's own module resolution. Configuration is passed in
//     PULUMI_CONFIG (JSON object, keys as "<ns>:config:<name>") and
//     PULUMI_CONFIG_SECRET_KEYS (JSON array); TypeScript support is enabled
//     with PULUMI_NODEJS_TYPESCRIPT=true (runtime option `typescript`,
//     default true) and PULUMI_NODEJS_TSCONFIG_PATH (runtime option
//     `tsconfig`); the run script then registers ts-node itself. Exit code 32
//     means "the program already reported the error to the user" and is
//     returned as Bail; any other non-zero exit is returned as a program error.
//   - GetRequiredPackages / GetRequiredPlugins: always an empty list. Our
//     programs only use dynamic providers, which are served by the
//     `pulumi-resource-pulumi-nodejs` script shipped in @pulumi/pulumi, so no
//     plugin must ever be downloaded.
//   - Handshake, GetPluginInfo, Cancel, About, GetProgramDependencies,
//     InstallDependencies (npm/yarn/pnpm/bun install), RuntimeOptionsPrompts
//     (no prompts), Template (no-op) and RunPlugin (for Node.js based
//     resource/tool plugins; not policy packs).
//   - Not implemented (codes.Unimplemented): code generation (GenerateProgram,
//     GenerateProject, GeneratePackage), Pack, Link, RunPlugin2 and
//     attaching a debugger.
//
// Differences from the official host: it does not proxy the resource monitor
// through itself (the Node.js SDK is given the engine's monitor address
// directly) and therefore does not offer the legacy synchronous-invoke pipes
// (--sync), which current SDKs do not need.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"time"

	"google.golang.org/grpc"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// engineHealthInterval is how often we check that the engine that launched us is still alive.
const engineHealthInterval = 5 * time.Minute

func main() {
	var tracing, root, runtimeName string
	flag.StringVar(&tracing, "tracing", "", "Emit tracing to a Zipkin-compatible tracing endpoint")
	// Accepted for compatibility with older engines; the program info sent with each request takes precedence.
	flag.StringVar(&root, "root", "", "Project root path to use")
	flag.StringVar(&runtimeName, "runtime", "nodejs", "JavaScript runtime to use (only `nodejs` is supported)")
	showVersion := flag.Bool("version", false, "Print the current plugin version and exit")
	flag.Parse()

	if *showVersion {
		fmt.Println(pluginVersion())
		return
	}
	if runtimeName != "nodejs" {
		cmdutil.Exit(fmt.Errorf("unsupported runtime %q: this language host only supports nodejs", runtimeName))
	}

	// glog's -v/--logtostderr flags were registered by the logging package and parsed above.
	logging.InitLogging(false, 0, false)
	cmdutil.InitTracing("pulumi-language-nodejs", "pulumi-language-nodejs", tracing)

	var engineAddress string
	if args := flag.Args(); len(args) > 0 {
		engineAddress = args[0]
	}

	host := newLanguageHost(engineAddress, tracing, root)

	// Stop serving on SIGINT (the engine interrupts its plugins' process groups when it is done with them)
	// or when the engine stops answering health checks.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	cancelServer := make(chan bool)
	go func() {
		<-ctx.Done()
		stop()
		host.cancel() // interrupt any program that is still running
		close(cancelServer)
	}()
	if engineAddress != "" {
		if err := rpcutil.Healthcheck(ctx, engineAddress, engineHealthInterval, stop); err != nil {
			cmdutil.Exit(fmt.Errorf("could not start health check host RPC server: %w", err))
		}
	}

	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancelServer,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
		Options: rpcutil.TracingServerInterceptorOptions(nil),
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start language host RPC server: %w", err))
	}

	// The engine reads exactly one line from our stdout: the port we are listening on.
	fmt.Printf("%d\n", handle.Port)

	if err := <-handle.Done; err != nil {
		cmdutil.Exit(fmt.Errorf("language host RPC stopped serving: %w", err))
	}
}

// pluginVersion is the version reported to the engine. It is the version stamped in at link time
// (-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=...), or else the version of the Pulumi
// Go SDK this binary was built against, which matches the CLI built from the same module.
func pluginVersion() string {
	if version.Version != "" {
		return version.Version
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == "github.com/pulumi/pulumi/sdk/v3" {
				if dep.Replace != nil && dep.Replace.Version != "" {
					return dep.Replace.Version
				}
				return dep.Version
			}
		}
	}
	return ""
}
