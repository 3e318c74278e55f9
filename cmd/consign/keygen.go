package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/consignhq/consign/manifest/sign"
)

type keygenOptions struct {
	force bool
}

func newKeygenCommand(g *globalOptions) *cobra.Command {
	opts := &keygenOptions{}
	cmd := &cobra.Command{
		Use:   "keygen",
		Short: "Make the ed25519 key pair that signs your bundles",
		Long: `keygen writes an ed25519 key pair to consign's folder in your configuration
directory (~/.config/consign on Linux): consign.key, the private key (PEM,
PKCS #8, readable only by you), and consign.pub, the public key (PEM, PKIX)
that you give buyers so they can check who signed a bundle.

An existing pair is kept unless --force is given: bundles signed with the
old key no longer verify against the new one. A private key whose public
key is missing keeps its pair: keygen writes consign.pub again from it.`,
		Example: `  consign keygen
  consign keygen --force`,
		Args: mostArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runKeygen(cmd.Context(), opts, g)
		},
	}
	cmd.Flags().BoolVar(&opts.force, "force", false, "replace an existing key pair")
	return cmd
}

func runKeygen(_ context.Context, opts *keygenOptions, g *globalOptions) error {
	dir, err := sign.KeyDir()
	if err != nil {
		return usagef("%v", err)
	}
	privPath := filepath.Join(dir, sign.PrivateKeyFile)
	if !opts.force && exists(privPath) && !exists(filepath.Join(dir, sign.PublicKeyFile)) {
		pubPath, pub, err := sign.RestorePublicKey(dir)
		if err != nil {
			return err
		}
		fmt.Fprintf(g.stdout, "private key: %s (kept)\npublic key:  %s (written again from the private key)\nkey id:      %s\n", privPath, pubPath, sign.KeyID(pub))
		return nil
	}
	privPath, pubPath, err := sign.GenerateKeyPair(dir, opts.force)
	if errors.Is(err, sign.ErrKeyExists) {
		return usagef("%v", err)
	}
	if err != nil {
		return err
	}
	pub, err := sign.LoadPublicKey(pubPath)
	if err != nil {
		return err
	}
	fmt.Fprintf(g.stdout, "private key: %s (keep it secret)\npublic key:  %s\nkey id:      %s\n", privPath, pubPath, sign.KeyID(pub))
	return nil
}

// exists reports whether something is at path, without following a link.
func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
