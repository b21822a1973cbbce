package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// resolvePackageManager picks the package manager: the `packagemanager` runtime option, or (for "auto") the
// one whose lock file is present in the program directory or one of its parents, defaulting to npm.
func resolvePackageManager(opts nodeOptions, dir string) string {
	if opts.packagemanager != "" && opts.packagemanager != "auto" {
		return opts.packagemanager
	}
	lockFiles := []struct{ file, pm string }{
		{"package-lock.json", "npm"},
		{"yarn.lock", "yarn"},
		{"pnpm-lock.yaml", "pnpm"},
		{"bun.lock", "bun"},
		{"bun.lockb", "bun"},
	}
	for d := dir; ; {
		for _, lf := range lockFiles {
			if _, err := os.Stat(filepath.Join(d, lf.file)); err == nil {
				return lf.pm
			}
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "npm"
		}
		d = parent
	}
}

// About reports the node executable and version and the package manager, for `pulumi about`.
func (host *nodeLanguageHost) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	info := host.programInfo(req.GetInfo(), "", "")
	opts, err := parseOptions(info)
	if err != nil {
		return nil, fmt.Errorf("failed to parse options: %w", err)
	}
	nodeBin, err := findNode()
	if err != nil {
		return nil, err
	}
	resp := &pulumirpc.AboutResponse{
		Executable: nodeBin,
		Metadata:   map[string]string{"packagemanager": resolvePackageManager(opts, info.GetProgramDirectory())},
	}
	if out, err := exec.CommandContext(ctx, nodeBin, "--version").Output(); err == nil {
		resp.Version = strings.TrimSpace(string(out))
	}
	if pmBin, err := exec.LookPath(resp.Metadata["packagemanager"]); err == nil {
		if out, err := exec.CommandContext(ctx, pmBin, "--version").Output(); err == nil {
			resp.Metadata["packagemanagerVersion"] = strings.TrimSpace(string(out))
		}
	}
	return resp, nil
}

type packageManifest struct {
	Name            string            `json:"name"`
	Version         string            `json:"version"`
	Dependencies    map[string]string `json:"dependencies"`
	DevDependencies map[string]string `json:"devDependencies"`
}

func readManifest(path string) (*packageManifest, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m packageManifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("parsing %s: %w", path, err)
	}
	return &m, nil
}

// installedVersion finds the version of package name installed for a program in dir, following node's lookup
// of node_modules directories from dir upwards.
func installedVersion(dir, name string) (string, bool) {
	for d := dir; ; {
		if m, err := readManifest(filepath.Join(d, "node_modules", filepath.FromSlash(name), "package.json")); err == nil {
			return m.Version, true
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", false
		}
		d = parent
	}
}

// GetProgramDependencies lists the program's dependencies with their installed versions (`pulumi about`).
// Direct dependencies come from package.json; with transitive=true every package installed in the program's
// top-level node_modules is listed.
func (host *nodeLanguageHost) GetProgramDependencies(ctx context.Context,
	req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := host.programInfo(req.GetInfo(), "", "").GetProgramDirectory()
	versions := map[string]string{}

	if req.GetTransitiveDependencies() {
		nm := filepath.Join(dir, "node_modules")
		entries, err := os.ReadDir(nm)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("failed to get node dependencies: %w", err)
		}
		for _, e := range entries {
			names := []string{e.Name()}
			if strings.HasPrefix(e.Name(), "@") {
				scoped, err := os.ReadDir(filepath.Join(nm, e.Name()))
				if err != nil {
					continue
				}
				names = names[:0]
				for _, s := range scoped {
					names = append(names, e.Name()+"/"+s.Name())
				}
			} else if strings.HasPrefix(e.Name(), ".") {
				continue
			}
			for _, n := range names {
				if m, err := readManifest(filepath.Join(nm, filepath.FromSlash(n), "package.json")); err == nil {
					versions[n] = m.Version
				}
			}
		}
	} else {
		m, err := readManifest(filepath.Join(dir, "package.json"))
		if err != nil {
			return nil, fmt.Errorf("failed to get node dependencies: %w", err)
		}
		for _, deps := range []map[string]string{m.Dependencies, m.DevDependencies} {
			for name, spec := range deps {
				if v, ok := installedVersion(dir, name); ok {
					versions[name] = v
				} else {
					versions[name] = spec // not installed: report the requested range
				}
			}
		}
	}

	names := make([]string, 0, len(versions))
	for n := range versions {
		names = append(names, n)
	}
	sort.Strings(names)
	resp := &pulumirpc.GetProgramDependenciesResponse{}
	for _, n := range names {
		resp.Dependencies = append(resp.Dependencies, &pulumirpc.DependencyInfo{Name: n, Version: versions[n]})
	}
	return resp, nil
}

// InstallDependencies runs `<package manager> install` in the program directory (`pulumi install`,
// `pulumi new`), streaming its output to the engine.
func (host *nodeLanguageHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()

	info := host.programInfo(req.GetInfo(), req.GetDirectory(), "") //nolint:staticcheck // fallback
	dir := info.GetProgramDirectory()
	opts, err := parseOptions(info)
	if err != nil {
		return fmt.Errorf("failed to parse options: %w", err)
	}
	pm := resolvePackageManager(opts, dir)
	pmBin, err := exec.LookPath(pm)
	if err != nil {
		return fmt.Errorf("could not find %s on the $PATH: %w", pm, err)
	}

	fmt.Fprintf(stdout, "Installing dependencies...\n\n")
	cmd := exec.CommandContext(server.Context(), pmBin, "install")
	cmd.Dir = dir
	cmd.Stdout = stdout
	cmd.Stderr = stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s install failed: %w", pm, err)
	}
	fmt.Fprintf(stdout, "Finished installing dependencies\n\n")
	return closer.Close()
}
