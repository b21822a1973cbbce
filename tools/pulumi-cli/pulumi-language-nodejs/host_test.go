package main

import (
	"reflect"
	"testing"

	"google.golang.org/protobuf/types/known/structpb"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func TestConstructConfig(t *testing.T) {
	got, err := constructConfig(map[string]string{"proj:foo": "bar", "aws:config:region": "eu"})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"aws:config:region":"eu","proj:config:foo":"bar"}`
	if got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
	if _, err := constructConfig(map[string]string{"nonamespace": "x"}); err == nil {
		t.Fatal("expected an error for a key without namespace")
	}
	if got, _ := constructConfigSecretKeys(nil); got != "[]" {
		t.Fatalf("nil secret keys: got %s", got)
	}
}

func TestParseOptions(t *testing.T) {
	opts, err := parseOptions(nil)
	if err != nil || !opts.typescript || opts.packagemanager != "auto" {
		t.Fatalf("defaults: %+v %v", opts, err)
	}
	s, _ := structpb.NewStruct(map[string]any{
		"typescript": false, "tsconfig": "tsconfig.pulumi.json", "nodeargs": "--max-old-space-size=256 --inspect=0",
	})
	opts, err = parseOptions(&pulumirpc.ProgramInfo{Options: s})
	if err != nil {
		t.Fatal(err)
	}
	if opts.typescript || opts.tsconfigPath != "tsconfig.pulumi.json" {
		t.Fatalf("got %+v", opts)
	}
	if env := opts.typescriptEnv(); !reflect.DeepEqual(env, []string{"PULUMI_NODEJS_TSCONFIG_PATH=tsconfig.pulumi.json"}) {
		t.Fatalf("env %v", env)
	}
	if args, _ := opts.nodeArgs(); !reflect.DeepEqual(args, []string{"--max-old-space-size=256", "--inspect=0"}) {
		t.Fatalf("nodeargs %v", args)
	}
	bad, _ := structpb.NewStruct(map[string]any{"typescript": "yes"})
	if _, err := parseOptions(&pulumirpc.ProgramInfo{Options: bad}); err == nil {
		t.Fatal("expected error for non-boolean typescript option")
	}
}

func TestRunArguments(t *testing.T) {
	host := newLanguageHost("127.0.0.1:1", "", "")
	req := &pulumirpc.RunRequest{
		MonitorAddress: "127.0.0.1:2", Organization: "org", Project: "p", Stack: "s",
		DryRun: true, Parallel: 4, Args: []string{"x"},
	}
	info := &pulumirpc.ProgramInfo{RootDirectory: "/root", ProgramDirectory: "/root/src", EntryPoint: "."}
	got := host.runArguments(req, info)
	want := []string{
		"--monitor", "127.0.0.1:2", "--engine", "127.0.0.1:1", "--organization", "org", "--project", "p",
		"--root-directory", "/root", "--stack", "s", "--pwd", "/root/src", "--dry-run", "--parallel", "4", ".", "x",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %v\nwant %v", got, want)
	}
}

func TestOOMSniffer(t *testing.T) {
	var sink discard
	o := &oomSniffer{w: &sink}
	_, _ = o.Write([]byte("FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap "))
	if o.detected() {
		t.Fatal("detected too early")
	}
	_, _ = o.Write([]byte("out of memory\n"))
	if !o.detected() {
		t.Fatal("marker split across writes not detected")
	}
	if sink.n == 0 {
		t.Fatal("output not passed through")
	}
}

type discard struct{ n int }

func (d *discard) Write(p []byte) (int, error) { d.n += len(p); return len(p), nil }
