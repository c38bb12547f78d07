from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'checklist-convention.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_reponse = resolve('reponse')
    l_0_lisible = resolve('lisible')
    l_0_organisation = resolve('organisation')
    l_0_clauses = resolve('clauses')
    l_0_finances = resolve('finances')
    l_0_reglages = resolve('reglages')
    l_0_g = resolve('g')
    l_0_document = resolve('document')
    l_0_m = l_0_titre_document = l_0_niveaux = missing
    try:
        t_1 = environment.filters['date_fr']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'date_fr' found.")
    try:
        t_2 = environment.filters['en_lettres']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'en_lettres' found.")
    try:
        t_3 = environment.filters['en_ligne']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'en_ligne' found.")
    try:
        t_4 = environment.filters['euros']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'euros' found.")
    try:
        t_5 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_6 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_7 = environment.filters['liste_fr']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'liste_fr' found.")
    try:
        t_8 = environment.filters['nombre']
    except KeyError:
        @internalcode
        def t_8(*unused):
            raise TemplateRuntimeError("No filter named 'nombre' found.")
    try:
        t_9 = environment.filters['redige']
    except KeyError:
        @internalcode
        def t_9(*unused):
            raise TemplateRuntimeError("No filter named 'redige' found.")
    try:
        t_10 = environment.filters['selectattr']
    except KeyError:
        @internalcode
        def t_10(*unused):
            raise TemplateRuntimeError("No filter named 'selectattr' found.")
    try:
        t_11 = environment.filters['taux']
    except KeyError:
        @internalcode
        def t_11(*unused):
            raise TemplateRuntimeError("No filter named 'taux' found.")
    pass
    l_0_m = context.vars['m'] = environment.get_template('_macros.md.j2', 'checklist-convention.md.j2')._get_default_module(context)
    context.exported_vars.discard('m')
    l_0_titre_document = 'Checklist de la convention de partenariat'
    context.vars['titre_document'] = l_0_titre_document
    context.exported_vars.add('titre_document')
    template = environment.get_template('_entete.md.j2', 'checklist-convention.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'g': l_0_g, 'm': l_0_m, 'niveaux': l_0_niveaux, 'titre_document': l_0_titre_document}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield 'Cette checklist passe en revue chaque clause que la convention doit régler, dans l’ordre où un juriste français attend les articles, de la désignation des parties à la loi applicable et aux différends, puis le bloc de signature. Pour chaque clause, elle indique son état, rappelle ce que les réponses règlent et cite sa source (guide ORSE / Le RAMEAU, texte de loi ou pratique actuelle, avec sa date). Elle prépare le travail des juristes\xa0; elle ne remplace pas leur relecture.\n'
    if (environment.getattr(environment.getattr((undefined(name='reponse') if l_0_reponse is missing else l_0_reponse), 'etape5'), 'forme_juridique') == 'sans_contrat'):
        pass
        yield '\n**Relation sans contrat.** Les partenaires ont choisi de ne pas signer de convention\xa0: les clauses ci-dessous ne servent que de grille pour ce qu’ils consignent par écrit, et la transparence tient lieu de cadre.\n\n- **Transparence de la relation\xa0:** '
        yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='lisible') if l_0_lisible is missing else l_0_lisible), 'etape5'), 'transparence_sans_contrat')))
        yield '\n'
    yield '\nChaque clause a l’un de ces quatre états\xa0:\n\n- **Sans objet**\xa0: la clause n’a pas lieu d’être au vu des réponses du projet\xa0;\n- **À discuter**\xa0: une réponse manque ou reste en attente («\xa0À définir\xa0», «\xa0À vérifier\xa0»…), un point de vigilance demande encore de régler la clause, ou le fichier du partenaire diffère d’une position confirmée\xa0;\n- **Principe retenu**\xa0: '
    yield escape(environment.finalize(environment.getattr((undefined(name='organisation') if l_0_organisation is missing else l_0_organisation), 'nom')))
    yield ' a arrêté sa position\xa0; elle n’a pas encore été confirmée avec le partenaire\xa0;\n- **Convenu avec le partenaire**\xa0: la position a été confirmée avec le partenaire, à la date indiquée.\n\n'
    l_0_niveaux = [('convenu', 'Convenu avec le partenaire'), ('principe_retenu', 'Principe retenu'), ('a_discuter', 'À discuter'), ('sans_objet', 'Sans objet')]
    context.vars['niveaux'] = l_0_niveaux
    context.exported_vars.add('niveaux')
    yield '# 1. Synthèse\n\n| État | Nombre de clauses |\n|------------------------------|-------------------|\n'
    for (l_1_code, l_1_libelle) in (undefined(name='niveaux') if l_0_niveaux is missing else l_0_niveaux):
        _loop_vars = {}
        pass
        yield '| '
        yield escape(environment.finalize(l_1_libelle))
        yield ' | '
        yield escape(environment.finalize(t_5(t_6(context.eval_ctx, t_10(context, (undefined(name='clauses') if l_0_clauses is missing else l_0_clauses), 'statut', 'equalto', l_1_code)))))
        yield ' |\n'
    l_1_code = l_1_libelle = missing
    yield '| Total | '
    yield escape(environment.finalize(t_5((undefined(name='clauses') if l_0_clauses is missing else l_0_clauses))))
    yield ' |\n\n| N° | Clause | État |\n|------|--------------------------------------|----------------------|\n'
    for l_1_c in (undefined(name='clauses') if l_0_clauses is missing else l_0_clauses):
        _loop_vars = {}
        pass
        yield '| 2.'
        yield escape(environment.finalize(environment.getattr(l_1_c, 'numero')))
        yield ' | '
        yield escape(environment.finalize(t_9(environment.getattr(l_1_c, 'titre'), 'cell')))
        yield ' | '
        yield escape(environment.finalize(environment.getattr(l_1_c, 'statut_libelle')))
        if environment.getattr(l_1_c, 'necessaire_par'):
            pass
            yield ' ⚠'
        yield ' |\n'
    l_1_c = missing
    if t_6(context.eval_ctx, t_10(context, (undefined(name='clauses') if l_0_clauses is missing else l_0_clauses), 'necessaire_par')):
        pass
        yield '\n⚠\xa0: clause que rend nécessaire un point de vigilance encore ouvert (détail dans la section 2).\n'
    yield '\n# 2. Clauses\n\n'
    for l_1_c in (undefined(name='clauses') if l_0_clauses is missing else l_0_clauses):
        l_1_a_completer = resolve('a_completer')
        _loop_vars = {}
        pass
        yield '## 2.'
        yield escape(environment.finalize(environment.getattr(l_1_c, 'numero')))
        yield ' '
        yield escape(environment.finalize(t_9(environment.getattr(l_1_c, 'titre'))))
        yield '\n\n**État\xa0: '
        yield escape(environment.finalize(environment.getattr(l_1_c, 'statut_libelle')))
        yield '**'
        if environment.getattr(l_1_c, 'confirmation'):
            pass
            yield ' (le '
            yield escape(environment.finalize(t_1(environment.getattr(environment.getattr(l_1_c, 'confirmation'), 'le'))))
            if environment.getattr(environment.getattr(l_1_c, 'confirmation'), 'avec'):
                pass
                yield ', avec '
                yield escape(environment.finalize(t_3(environment.getattr(environment.getattr(l_1_c, 'confirmation'), 'avec'))))
            if environment.getattr(environment.getattr(l_1_c, 'confirmation'), 'fichier_partenaire'):
                pass
                yield ', d’après le fichier du partenaire d’empreinte '
                yield escape(environment.finalize(t_3(environment.getattr(environment.getattr(l_1_c, 'confirmation'), 'fichier_partenaire')[:12])))
            yield ')'
        yield '\n'
        if environment.getattr(l_1_c, 'en_attente'):
            pass
            yield '\n**Réponses en attente\xa0:** '
            yield escape(environment.finalize(t_7(environment.getattr(l_1_c, 'en_attente'))))
            yield '\n'
        if environment.getattr(l_1_c, 'ecart_partenaire'):
            pass
            yield '\n**Le fichier du partenaire diffère\xa0:** la clause avait été confirmée avec le partenaire, mais son fichier (empreinte '
            yield escape(environment.finalize(t_3(environment.getattr(environment.getattr(l_1_c, 'ecart_partenaire'), 'fichier_partenaire')[:12])))
            yield ', comparé le '
            yield escape(environment.finalize(t_1(environment.getattr(environment.getattr(l_1_c, 'ecart_partenaire'), 'le'))))
            yield ') dit autre chose sur\xa0: '
            yield escape(environment.finalize(t_7(environment.getattr(environment.getattr(l_1_c, 'ecart_partenaire'), 'points'))))
            yield '. Elle redevient à discuter jusqu’à un nouvel accord.\n'
        if environment.getattr(l_1_c, 'contenu_manquant'):
            pass
            yield '\n**Contenu de la clause\xa0:** '
            yield escape(environment.finalize(context.call((undefined(name='a_completer') if l_1_a_completer is missing else l_1_a_completer), markup_join(('Clause « ', environment.getattr(l_1_c, 'titre'), ' » : son contenu', )), _loop_vars=_loop_vars)))
            yield '\xa0: le «\xa0Oui\xa0» retient le principe mais ne dit pas ce que la clause prévoira\xa0; il reste à l’écrire (étape 5).\n'
        if environment.getattr(l_1_c, 'incoherences'):
            pass
            yield '\n**Réponses incohérentes\xa0:** '
            yield escape(environment.finalize(t_9(environment.getattr(l_1_c, 'incoherences'))))
            yield '.\n'
        if environment.getattr(l_1_c, 'confirmation_perimee'):
            pass
            yield '\n**Confirmation à renouveler\xa0:** les réponses ont changé depuis la confirmation avec le partenaire.\n'
        if environment.getattr(l_1_c, 'necessaire_par'):
            pass
            yield '\n**⚠ Rendue nécessaire par\xa0:** '
            yield escape(environment.finalize(t_7(environment.getattr(l_1_c, 'necessaire_par'))))
            yield '\n'
        yield '\n**Ce qu’il faut régler\xa0:** '
        yield escape(environment.finalize(t_9(environment.getattr(l_1_c, 'ce_qu_il_faut_regler'))))
        yield '\n\n'
        if (environment.getattr(l_1_c, 'statut') == 'sans_objet'):
            pass
            yield 'Cette clause n’a pas lieu d’être au vu des réponses du projet.\n'
        elif environment.getattr(l_1_c, 'elements'):
            pass
            yield '**'
            yield escape(environment.finalize(context.call(environment.getattr({'convenu': 'Ce qui est convenu avec le partenaire', 'principe_retenu': 'Position retenue'}, 'get'), environment.getattr(l_1_c, 'statut'), 'Où en sont les réponses', _loop_vars=_loop_vars)))
            yield '\xa0:**\n\n'
            for l_2_el in environment.getattr(l_1_c, 'elements'):
                _loop_vars = {}
                pass
                if ((environment.getattr(l_2_el, 'question') and (environment.getattr(environment.getattr(l_2_el, 'question'), 'type') == 'liste')) and (t_5(environment.getattr(l_2_el, 'lignes')) > 1)):
                    pass
                    yield '- **'
                    yield escape(environment.finalize(t_9(environment.getattr(l_2_el, 'label'))))
                    yield '\xa0:**\n'
                    for l_3_ligne in environment.getattr(l_2_el, 'lignes'):
                        _loop_vars = {}
                        pass
                        yield '    - '
                        yield escape(environment.finalize(l_3_ligne))
                        yield '\n'
                    l_3_ligne = missing
                else:
                    pass
                    yield '- **'
                    yield escape(environment.finalize(t_9(environment.getattr(l_2_el, 'label'))))
                    yield '\xa0:** '
                    yield escape(environment.finalize(l_2_el))
                    yield '\n'
            l_2_el = missing
            if ((environment.getattr(l_1_c, 'id') == 'modalites_financieres') and environment.getattr(environment.getattr((undefined(name='reponse') if l_0_reponse is missing else l_0_reponse), 'etape4'), 'flux')):
                pass
                yield '- **Montants en lettres, à reprendre dans la convention\xa0:**\n'
                for l_2_f in environment.getattr(environment.getattr((undefined(name='reponse') if l_0_reponse is missing else l_0_reponse), 'etape4'), 'flux'):
                    _loop_vars = {}
                    pass
                    if environment.getattr(l_2_f, 'montant'):
                        pass
                        yield '    - '
                        yield escape(environment.finalize(environment.getattr(l_2_f, 'description')))
                        yield '\xa0: '
                        yield escape(environment.finalize(t_4(environment.getattr(l_2_f, 'montant'))))
                        yield ' ('
                        yield escape(environment.finalize(t_2(environment.getattr(l_2_f, 'montant'))))
                        yield ')\n'
                l_2_f = missing
        elif environment.getattr(l_1_c, 'facultatives_vides'):
            pass
            yield 'Les réponses facultatives qui règlent ce point sont restées vides ('
            yield escape(environment.finalize(t_7(environment.getattr(l_1_c, 'facultatives_vides'))))
            yield ')\xa0: la convention n’a rien de particulier à prévoir ici.\n'
        else:
            pass
            yield escape(environment.finalize(context.call((undefined(name='a_completer') if l_1_a_completer is missing else l_1_a_completer), markup_join(('Clause « ', environment.getattr(l_1_c, 'titre'), ' » : aucune réponse ne la règle', )), _loop_vars=_loop_vars)))
            yield '\xa0: aucune réponse du projet ne règle encore ce point\xa0; il reste à négocier directement dans la convention.\n'
        for l_2_remarque in environment.getattr(l_1_c, 'remarques'):
            _loop_vars = {}
            pass
            yield '\n'
            yield escape(environment.finalize(t_9(l_2_remarque)))
            yield '\n'
        l_2_remarque = missing
        if ((environment.getattr(l_1_c, 'id') == 'recu_fiscal') and environment.getattr((undefined(name='finances') if l_0_finances is missing else l_0_finances), 'a_mecenat')):
            pass
            yield '\nVoir la section 3 pour les repères fiscaux du mécénat.\n'
        yield '\n*Source\xa0: '
        yield escape(environment.finalize(t_9(environment.getattr(l_1_c, 'source'))))
        yield '.*\n\n'
    l_1_c = l_1_a_completer = missing
    if environment.getattr((undefined(name='finances') if l_0_finances is missing else l_0_finances), 'a_mecenat'):
        pass
        l_0_g = (undefined(name='reglages') if l_0_reglages is missing else l_0_reglages)
        context.vars['g'] = l_0_g
        context.exported_vars.add('g')
        yield '# 3. Mécénat\xa0: repères fiscaux (chiffres '
        yield escape(environment.finalize(environment.getattr((undefined(name='finances') if l_0_finances is missing else l_0_finances), 'annee_reglages')))
        yield ', à vérifier chaque année)\n\nLe partenariat comporte au moins un don (numéraire, nature ou compétences)\xa0: ces règles s’appliquent à cette part, quel que soit le titre de la convention. Ces chiffres changent avec les lois de finances\xa0: faites-les confirmer par un expert-comptable avant la signature.\n\n| Point | Règle | Source |\n|------------------------|------------------------------------------|----------------------|\n| Réduction d’impôt | une réduction de l’impôt dû, et non une déduction du résultat (régime du parrainage)\xa0: '
        yield escape(environment.finalize(t_11(environment.getattr(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'taux_reduction_mecenat'), 'valeur'))))
        yield ' du montant des dons éligibles\xa0; '
        yield escape(environment.finalize(t_11(environment.getattr(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'taux_reduction_mecenat_au_dela'), 'valeur'))))
        yield ' pour la part des dons de l’année au-delà de '
        yield escape(environment.finalize(t_4(environment.getattr(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'seuil_taux_reduit'), 'valeur'))))
        yield ', sauf pour les organismes qui aident gratuitement des personnes en difficulté | '
        yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'taux_reduction_mecenat_au_dela'), 'mention')))
        yield ' |\n| Plafond | '
        yield escape(environment.finalize(t_4(environment.getattr(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'plafond_dons_montant'), 'valeur'))))
        yield ' ou '
        yield escape(environment.finalize(t_11(environment.getattr(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'plafond_dons_part_ca'), 'valeur'))))
        yield ' du chiffre d’affaires hors taxes, le plus élevé des deux\xa0; l’excédent se reporte sur les '
        yield escape(environment.finalize(t_8(environment.getattr(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'report_excedent_annees'), 'valeur'))))
        yield ' exercices suivants | '
        yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'plafond_dons_montant'), 'mention')))
        yield ' |\n| Reçu fiscal | formulaire Cerfa n°\xa016216 (2041-MEC-SD), obligatoire pour les dons des entreprises depuis 2022, pour le seul montant des dons, jamais pour un parrainage, une prestation ou un prêt\xa0; amende si un reçu est délivré sciemment à tort | CGI, articles 238 bis (5 bis) et 1740 A |\n| Déclaration de l’association | montant global des dons ayant donné lieu à un reçu, déclaré chaque année à l’administration fiscale | CGI, article 222 bis |\n| Contreparties | nettement disproportionnées au don\xa0: repère pratique de '
        yield escape(environment.finalize(t_11(environment.getattr(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'part_max_contreparties'), 'valeur'))))
        yield ' de l’ensemble des dons\xa0; exclusivité, recrutement réservé ou visibilité comptent comme contreparties, chacune valorisée en euros dans la convention | '
        yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'part_max_contreparties'), 'mention')))
        yield ' |\n| Déclaration de l’entreprise | formulaire 2069-RCI-SD\xa0; au-delà de '
        yield escape(environment.finalize(t_4(environment.getattr(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'seuil_declaration_dons_entreprise'), 'valeur'))))
        yield ' de dons dans l’année, liste des bénéficiaires, des montants et des contreparties | '
        yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'seuil_declaration_dons_entreprise'), 'mention')))
        yield '\xa0; notice 2069-M-FC-SD |\n| Mécénat de compétences | valorisé au coût de revient (salaire et charges, au prorata du temps donné), chaque salaire retenu dans la limite de '
        yield escape(environment.finalize(t_8(environment.getattr(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'plafond_salaire_competences_multiple'), 'valeur'))))
        yield ' fois le plafond mensuel de la sécurité sociale ('
        yield escape(environment.finalize(t_4(environment.getattr(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'plafond_securite_sociale_mensuel'), 'valeur'))))
        yield ') | '
        yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'plafond_salaire_competences_multiple'), 'mention')))
        yield '\xa0; plafond\xa0: '
        yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'plafond_securite_sociale_mensuel'), 'mention')))
        yield ' |\n| Mécénat en nature | valorisé par l’entreprise au coût de revient ou à la valeur nette comptable, hors TVA | BOI-BIC-RICI-20-30-10-20 |\n| Association recevant beaucoup de dons | au-delà de '
        yield escape(environment.finalize(t_4(environment.getattr(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'seuil_dons_commissaire_aux_comptes'), 'valeur'))))
        yield ' de dons par an ouvrant droit à avantage fiscal\xa0: commissaire aux comptes et comptes publiés | '
        yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'seuil_dons_commissaire_aux_comptes'), 'mention')))
        yield ' |\n\n'
        template = environment.get_template('_simulation.md.j2', 'checklist-convention.md.j2')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {'g': l_0_g, 'm': l_0_m, 'niveaux': l_0_niveaux, 'titre_document': l_0_titre_document}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
        yield '\n'
    template = environment.get_template('_signatures.md.j2', 'checklist-convention.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'g': l_0_g, 'm': l_0_m, 'niveaux': l_0_niveaux, 'titre_document': l_0_titre_document}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'sources'), environment.getattr((undefined(name='document') if l_0_document is missing else l_0_document), 'outil'))))
    yield '\n'

blocks = {}
debug_info = '1=86&2=88&3=91&5=98&9=101&16=104&19=106&24=110&25=114&27=120&31=122&32=126&34=136&41=140&42=145&44=149&45=165&47=168&49=170&51=173&53=179&55=182&57=184&59=187&61=189&65=192&67=195&70=198&72=200&74=203&75=206&77=208&78=211&79=214&80=216&81=220&84=226&87=231&89=234&90=237&91=240&95=247&96=250&98=254&100=256&102=260&104=263&109=267&112=270&113=272&114=276&120=278&121=286&124=294&125=298&126=302&128=310&130=314&133=321&135=328'